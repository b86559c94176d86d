"""A minimal webhook receiver: verifies each call with the standardwebhooks package.

    pip install standardwebhooks
    MAILWRIGHT_WEBHOOK_SECRET=whsec_... python webhook_receiver.py 8000

Prints each verified event as one JSON line; answers 401 to a bad signature.
"""

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

try:
    from standardwebhooks import Webhook, WebhookVerificationError
except ImportError:
    sys.exit("this receiver needs the standardwebhooks package: pip install standardwebhooks")

hook = Webhook(os.environ["MAILWRIGHT_WEBHOOK_SECRET"])


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            event = hook.verify(body, dict(self.headers))
        except WebhookVerificationError as e:
            self.send_response(401)
            self.end_headers()
            print("refused:", e, file=sys.stderr)
            return
        # Deduplicate by webhook-id in a real application: a call can arrive twice.
        print(json.dumps({"path": self.path, "webhook_id": self.headers["webhook-id"], **event}), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 8000), Handler).serve_forever()
