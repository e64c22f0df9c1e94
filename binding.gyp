# node-gyp build of the same addon that CMakeLists.txt builds (all of native/*.cc).
# Run it with `npm run build:gyp` (scripts/build-gyp.js): it builds into build-gyp/, since
# cmake-js owns build/. The libtorch-dependent lists come from scripts/gyp-config.js.
{
  "variables": {
    "torch_node_root%": ".",
    "torch_cmake_dir%": ""
  },
  "targets": [
    {
      "target_name": "torch_node",
      "sources": ["<!@(node <(torch_node_root)/scripts/gyp-config.js sources <(torch_cmake_dir))"],
      "include_dirs": ["<!@(node <(torch_node_root)/scripts/gyp-config.js include_dirs <(torch_cmake_dir))"],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "NODE_ADDON_API_DISABLE_DEPRECATED",
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS",
        "<!@(node <(torch_node_root)/scripts/gyp-config.js defines <(torch_cmake_dir))"
      ],
      # libtorch throws c10::Error and needs RTTI; node's common.gypi turns both off.
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      # native/compat: headers a libtorch may lack (see CMakeLists.txt), searched last.
      # -fno-math-errno: as in CMakeLists.txt, so that loops calling std::sqrt vectorize.
      # -ffp-contract=off: as in CMakeLists.txt, multiply-adds fused only where the code says so.
      "cflags_cc": ["-idirafter", "<(torch_node_root)/native/compat", "-fno-math-errno", "-ffp-contract=off"],
      "libraries": ["<!@(node <(torch_node_root)/scripts/gyp-config.js libraries <(torch_cmake_dir))"]
    }
  ]
}
