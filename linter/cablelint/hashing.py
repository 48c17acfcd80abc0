"""blake2b, the digest of the caches, without hashlib's start-up cost.

`import hashlib` first loads OpenSSL's libcrypto, about 5 ms: a tenth of a one-cable run. CPython
builds blake2b in, as the `_blake2` module that hashlib itself takes it from; the same function,
the same digests.
"""

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation, whose hashlib may provide it
    from hashlib import blake2b  # (CPython's does not take OpenSSL's: without _blake2 this fails too)

__all__ = ["blake2b"]
