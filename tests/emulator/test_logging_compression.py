"""The file-upload logging endpoints refuse a codec and a gzip level together, and an update
setting one clears the other, as the kind declarations (`Kind.exclusive`) say."""

from __future__ import annotations

import httpx
import pytest

from fastlysync.kinds import KINDS, Kind

from .samples import minimal_body

FILE_KINDS = [KINDS[f"logging_{name}"] for name in
              ("blobstorage", "cloudfiles", "digitalocean", "ftp", "openstack", "sftp")]
REFUSED = {"msg": "'compression_codec' and 'gzip_level' cannot be set simultaneously"}


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda k: k.name)
def test_both_on_create_is_a_400(client: httpx.Client, sid: str, kind: Kind) -> None:
    base = f"/service/{sid}/version/1/{kind.api_path}"
    body = minimal_body(kind)
    both = client.post(base, data={**body, "compression_codec": "zstd", "gzip_level": "3"})
    assert (both.status_code, both.json()) == (400, REFUSED)
    assert client.get(base).json() == []

    made = client.post(base, data={**body, "gzip_level": "3"})
    assert made.status_code == 200, made.text
    codec = client.put(f"{base}/{body['name']}", data={"compression_codec": "zstd"})
    assert codec.status_code == 200, codec.text
    stored = client.get(f"{base}/{body['name']}").json()
    assert (stored["compression_codec"], str(stored["gzip_level"])) == ("zstd", "0")
