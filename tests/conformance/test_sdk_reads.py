"""fastly-py's own calls for what a client reads or triggers on a VCL service: details,
generated VCL, diffs, domain checks, staging, purges, the current token. No exception."""

from __future__ import annotations

from typing import Any

from fastly.api import (
    backend_api,
    diff_api,
    domain_api,
    purge_api,
    service_api,
    settings_api,
    tokens_api,
    vcl_api,
    version_api,
)
from fastly.model.environment_name import EnvironmentName
from fastly.model.purge_response import PurgeResponse

from .sdk_mode import sdk_client, sdk_emulator, sdk_emulator_server  # noqa: F401  (SDK wire mode)


def test_sdk_reads_of_a_vcl_service(emulator: Any) -> None:
    sdk = sdk_client(emulator)
    service = service_api.ServiceApi(sdk).create_service(name="sdk-reads")
    sid = service.id
    backend_api.BackendApi(sdk).create_backend(service_id=sid, version_id=1, name="o",
                                               address="o.example.com")
    domain_api.DomainApi(sdk).create_domain(service_id=sid, version_id=1, name="a.example.com")
    versions = version_api.VersionApi(sdk)
    versions.clone_service_version(service_id=sid, version_id=1)

    detail = service_api.ServiceApi(sdk).get_service_detail(service_id=sid)
    assert detail.version.backends[0].name == "o" and detail.environments == []
    settings = settings_api.SettingsApi(sdk).get_service_settings(service_id=sid, version_id=1)
    assert settings.general_default_ttl == 3600
    generated = vcl_api.VclApi(sdk).get_custom_vcl_generated(service_id=sid, version_id=1)
    assert "backend F_o" in generated.content
    diff = diff_api.DiffApi(sdk).diff_service_versions(service_id=sid, from_version_id=1,
                                                       to_version_id=2)
    assert diff.to == 2 and diff.format == "text"
    checked = domain_api.DomainApi(sdk).check_domains(service_id=sid, version_id=1)
    assert len(checked.value) == 1
    domain_api.DomainApi(sdk).check_domain(service_id=sid, version_id=1,
                                           domain_name="a.example.com")

    versions.activate_service_version(service_id=sid, version_id=1)  # staging needs one
    staged = versions.activate_service_version_environment(
        service_id=sid, version_id=2, environment_name=EnvironmentName("staging"))
    assert staged.staging is True and staged.environments[0].active_version == 2
    versions.deactivate_service_version_environment(
        service_id=sid, version_id=2, environment_name=EnvironmentName("staging"))

    purges = purge_api.PurgeApi(sdk)
    assert purges.purge_all(service_id=sid).status == "ok"
    assert isinstance(purges.purge_tag(service_id=sid, surrogate_key="k"), PurgeResponse)
    assert purges.purge_single_url(cached_url="www.example.com/a").status == "ok"
    token = tokens_api.TokensApi(sdk).get_token_current()
    assert token.scope == "global"
