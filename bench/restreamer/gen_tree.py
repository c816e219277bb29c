#!/usr/bin/env python3
"""Synthetic segment trees for the restreamer benchmarks, with real names and hashes (docs/storage.md §2.1).

usage: gen_tree.py BASE_DIR CHANNEL QUALITY START_HOUR SECONDS SEGMENT_BYTES
  e.g. gen_tree.py /tmp/b desertbus source 2019-11-13T00 86400 188   (24 h of 2-s segments)
Prints the relative paths written, one a line, to stdout.
"""
import base64
import datetime
import hashlib
import os
import sys


def main():
    base, channel, quality, start_hour, seconds, size = sys.argv[1:7]
    seconds, size = int(seconds), int(size)
    start = datetime.datetime.strptime(start_hour, "%Y-%m-%dT%H")
    block = (b"wubloader synthetic segment " * (size // 28 + 1))[:size]
    for i in range(seconds // 2):
        t = start + datetime.timedelta(seconds=2 * i)
        hour = t.strftime("%Y-%m-%dT%H")
        body = (b"%010d" % i + block)[:size]
        digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).decode().rstrip("=")
        name = "%s-2.0-full-%s.ts" % (t.strftime("%M:%S.%f"), digest)
        rel = os.path.join(channel, quality, hour, name)
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body)
        print(rel)


if __name__ == "__main__":
    main()
