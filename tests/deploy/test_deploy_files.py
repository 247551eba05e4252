"""The deploy files, checked by maintained validators from .venv-deploy (make test-deploy): the
Dockerfiles by hadolint, the Compose file by the Compose specification's JSON schema, the
Kubernetes manifests by the Kubernetes schemas. Each validator is also shown to fail on a
broken copy, so a pass means something."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.servers import PROJECT_ROOT

pytestmark = pytest.mark.deploy

DEPLOY = PROJECT_ROOT / "deploy"
TOOLS = PROJECT_ROOT / ".venv-deploy" / "bin"
DOCKERFILES = sorted(DEPLOY.glob("Dockerfile.*"))
MANIFESTS = sorted(p for p in (DEPLOY / "k8s").glob("*.yaml") if p.name != "kustomization.yaml")


def run(tool: str, *args: str | Path) -> subprocess.CompletedProcess:
    if not (TOOLS / tool).exists():
        pytest.fail(f"{tool} is missing: run make test-deploy (it installs .venv-deploy)")
    return subprocess.run(
        [str(TOOLS / tool), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def hadolint(path: Path) -> subprocess.CompletedProcess:
    return run("hadolint", "--failure-threshold", "info", path)


def compose_schema(path: Path) -> subprocess.CompletedProcess:
    return run("check-jsonschema", "--builtin-schema", "vendor.compose-spec", path)


def kubernetes(*paths: Path) -> subprocess.CompletedProcess:
    return run("kubernetes-validate", "--strict", "--quiet", *paths)


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerfiles_pass_hadolint(dockerfile: Path) -> None:
    done = hadolint(dockerfile)
    assert done.returncode == 0, done.stdout + done.stderr


def test_hadolint_fails_a_broken_dockerfile(tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    text = (DEPLOY / "Dockerfile.actions").read_text()
    broken.write_text(text.replace("python:3.10.13-slim-bookworm AS build", "python AS build"))
    done = hadolint(broken)
    assert done.returncode != 0 and "DL3006" in done.stdout  # base image without a version


def test_dockerfiles_run_as_a_numeric_non_root_user() -> None:
    for dockerfile in (DEPLOY / "Dockerfile.rasa", DEPLOY / "Dockerfile.actions"):
        users = [
            line.split()[1]
            for line in dockerfile.read_text().splitlines()
            if line.startswith("USER ")
        ]
        assert users and users[-1].isdigit() and users[-1] != "0", dockerfile


def test_compose_file_matches_the_compose_specification() -> None:
    done = compose_schema(DEPLOY / "compose.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_compose_schema_fails_a_broken_file(tmp_path: Path) -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text())
    compose["services"]["redis"]["restart"] = ["always"]  # must be a string
    broken = tmp_path / "compose.yml"
    broken.write_text(yaml.safe_dump(compose))
    assert compose_schema(broken).returncode != 0


def test_compose_keeps_secrets_out_and_data_on_a_volume() -> None:
    text = (DEPLOY / "compose.yml").read_text()
    compose = yaml.safe_load(text)
    assert "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?" in text  # from .env, never a value here
    assert compose["services"]["postgres"]["volumes"] == ["pgdata:/var/lib/postgresql/data"]
    for name in ("nginx", "rasa1", "rasa2", "actions", "postgres", "redis"):
        assert compose["services"][name]["restart"] == "unless-stopped", name
    for name in ("rasa1", "rasa2", "actions", "postgres", "redis"):
        assert "healthcheck" in compose["services"][name], name
    assert compose["services"]["rasa-single"]["profiles"] == ["single"]


def test_kubernetes_manifests_match_the_schemas() -> None:
    done = kubernetes(*MANIFESTS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_kubernetes_schemas_fail_a_broken_manifest(tmp_path: Path) -> None:
    documents = list(yaml.safe_load_all((DEPLOY / "k8s" / "rasa.yaml").read_text()))
    documents[0]["spec"]["replicas"] = "two"
    broken = tmp_path / "rasa.yaml"
    broken.write_text(yaml.safe_dump_all(documents))
    assert kubernetes(broken).returncode != 0


def test_kubernetes_reads_secrets_by_reference_and_has_probes_hpa_and_pdb() -> None:
    documents = [d for p in MANIFESTS for d in yaml.safe_load_all(p.read_text())]
    kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
    assert {("HorizontalPodAutoscaler", "rasa"), ("PodDisruptionBudget", "rasa")} <= kinds
    assert not [d for d in documents if d["kind"] == "Secret"]  # referenced, never inlined
    for deployment in (d for d in documents if d["kind"] == "Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "readinessProbe" in container and "livenessProbe" in container


def test_the_container_endpoints_differ_from_endpoints_scale_only_in_the_action_server() -> None:
    scale = yaml.safe_load((PROJECT_ROOT / "endpoints.scale.yml").read_text())
    containers = yaml.safe_load((DEPLOY / "endpoints.containers.yml").read_text())
    assert containers["action_endpoint"]["url"] == "http://actions:5055/webhook"
    containers["action_endpoint"]["url"] = scale["action_endpoint"]["url"]
    assert containers == scale
