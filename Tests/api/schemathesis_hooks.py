"""schemathesis hooks for the live run.

The API refuses (422) an `Idempotency-Key` reused with another body — as it must. A
generator reuses header values across unrelated cases, so each valid key it draws is
made unique here; invalid ones are left as drawn, so that their refusal is still tested.
"""
import re
import uuid

import schemathesis

VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = case.headers or {}
    key = headers.get("Idempotency-Key")
    if isinstance(key, str) and VALID_KEY.match(key):
        headers["Idempotency-Key"] = str(uuid.uuid4())
        case.headers = headers
