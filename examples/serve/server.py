# The Python twin of examples/serve/server.ts for the benchmark (bench/serve.js): the same model and
# protocol, served by the standard library's threaded HTTP server, one forward per request.
#   /usr/bin/python3 examples/serve/server.py MODEL_PT PORT
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import torch

SHAPE = (3, 64, 64)
model = torch.jit.load(sys.argv[1]).eval()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        x = torch.frombuffer(bytearray(body), dtype=torch.float32).reshape(1, *SHAPE)
        with torch.inference_mode():
            logits = model(x)[0]
        out = json.dumps({"class": int(logits.argmax()), "logits": logits.tolist()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a load tool closing its connections mid-answer is not an error of the service
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


server = Server(("127.0.0.1", int(sys.argv[2])), Handler)
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
