"""Proof bundles without a browser: what `history --export` packs, and what `--verify` catches.

The receipt folders here are written by `write_receipt` itself, as a run writes them (a run's
own bundle, exported and verified from the command line, is in
tests/test_e2e_subscriptions.py; searched for the canary, in tests/test_secrets.py)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from automator.errors import ConfigError
from automator.history import find_receipt, write_receipt
from automator.proof import MANIFEST, NotVerified, export_bundle, timeline, verify_bundle

MOMENTS = {
    "started_at": "2026-12-01T10:00:00+00:00",
    "approved_at": "2026-12-01T10:00:41.250+00:00",
    "pressed": "Yes, Cancel",
    "pressed_at": "2026-12-01T10:00:41.380+00:00",
    "confirmed_at": "2026-12-01T10:00:42.020+00:00",
}


def _cancellation(tmp_path: Path, run_name: str = "run") -> Path:
    """A run folder and the receipt folder it kept, as a verified cancellation leaves them."""
    run = tmp_path / run_name
    run.mkdir()
    Image.new("RGB", (8, 8), "white").save(run / "09-cancelled.png")
    record = {
        "cancelled_at": "2026-12-01T10:00:42+00:00",
        "plan": "Coursera Plus Monthly",
        "access_until": "December 14, 2026",
        "access_until_date": "2026-12-14",
        "confirmation": "Your subscription has been cancelled.",
        "url": "https://www.coursera.org/account-settings/subscriptions",
        **MOMENTS,
    }
    folder = write_receipt(tmp_path / "data", record, run / "09-cancelled.png", b"%PDF-1.4 a printed page")
    Image.new("RGB", (8, 8), "gray").save(run / "01-signed_out_home.png")
    steps = [{"name": "signed_out_home", "screenshot": "01-signed_out_home.png"}]
    steps += [{"name": "cancelled", "screenshot": "09-cancelled.png"}]
    steps += [{"name": "odd", "screenshot": "../x.png"}]  # never followed out of the run's folder
    run_json = {"started_at": MOMENTS["started_at"], "receipt": str(folder / "receipt.json"), "steps": steps}
    (run / "run.json").write_text(json.dumps(run_json))
    (run / "report.html").write_text("<html>the report</html>")
    return folder


def _members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as packed:
        return {name: packed.read(name) for name in packed.namelist()}


def _repack(bundle: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(bundle, "w") as packed:
        for name, data in members.items():
            packed.writestr(name, data)


def test_a_bundle_holds_every_file_with_its_sha256_and_verifies(tmp_path: Path) -> None:
    bundle = tmp_path / "out" / "proof.zip"
    assert export_bundle(_cancellation(tmp_path), bundle) == []
    members = _members(bundle)
    names = ["receipt.json", "cancelled.png", "cancelled.pdf", "run.json", "report.html"]
    # The steps' screenshots under the names the report shows them by; never a path out of the run.
    names += ["01-signed_out_home.png", "09-cancelled.png", "timeline.json"]
    assert list(members) == [*names, MANIFEST]
    assert members["01-signed_out_home.png"] == (tmp_path / "run" / "01-signed_out_home.png").read_bytes()
    lines = members[MANIFEST].decode().splitlines()
    assert lines == [f"{hashlib.sha256(members[name]).hexdigest()}  {name}" for name in names]
    moments = json.loads(members["timeline.json"])
    assert {k: moments[k] for k in ("approved_at", "pressed", "pressed_at", "confirmed_at")} == {
        k: MOMENTS[k] for k in ("approved_at", "pressed", "pressed_at", "confirmed_at")
    }
    assert moments["run_started_at"] == MOMENTS["started_at"] and moments["access_until_date"] == "2026-12-14"
    assert verify_bundle(bundle) == 8


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda m: m.update({"cancelled.png": m["cancelled.png"][:-1] + b"\0"}), "cancelled.png: differs"),
        (lambda m: m.pop("report.html"), "report.html: listed in MANIFEST.sha256, missing"),
        (lambda m: m.update({"note.txt": b"added"}), "note.txt: in the bundle, not in MANIFEST.sha256"),
        (lambda m: m.pop(MANIFEST), "has no MANIFEST.sha256"),
    ],
    ids=["tampered", "removed", "added", "no-manifest"],
)
def test_verify_names_the_file_that_does_not_match(tmp_path: Path, change: object, named: str) -> None:
    bundle = tmp_path / "proof.zip"
    export_bundle(_cancellation(tmp_path), bundle)
    members = _members(bundle)
    change(members)  # type: ignore[operator]
    _repack(bundle, members)
    with pytest.raises(NotVerified, match=named) as failed:
        verify_bundle(bundle)
    assert "timeline.json" not in str(failed.value)  # only what differs is named


def test_a_file_dropped_with_its_manifest_line_is_still_missed(tmp_path: Path) -> None:
    bundle = tmp_path / "proof.zip"
    export_bundle(_cancellation(tmp_path), bundle)
    members = _members(bundle)
    members.pop("cancelled.pdf")
    kept = [line for line in members[MANIFEST].splitlines() if b"cancelled.pdf" not in line]
    members[MANIFEST] = b"".join(line + b"\n" for line in kept)
    _repack(bundle, members)
    with pytest.raises(NotVerified, match=r"cancelled.pdf: missing \(every proof bundle has it\)"):
        verify_bundle(bundle)


def test_what_is_not_a_bundle_is_said_so(tmp_path: Path) -> None:
    (tmp_path / "not.zip").write_text("hello")
    with pytest.raises(NotVerified, match="not a readable zip file"):
        verify_bundle(tmp_path / "not.zip")
    with pytest.raises(ConfigError, match="no file"):
        verify_bundle(tmp_path / "absent.zip")


def test_a_run_folder_gone_or_holding_another_run_leaves_its_files_out(tmp_path: Path) -> None:
    first = _cancellation(tmp_path)
    (tmp_path / "run" / "report.html").unlink()
    assert export_bundle(first, tmp_path / "a.zip") == ["report.html"]
    # The same run folder, reused by a later run (--out): its record is that run's, not this one's.
    later = {"receipt": str(tmp_path / "elsewhere" / "receipt.json")}
    (tmp_path / "run" / "run.json").write_text(json.dumps(later))
    assert export_bundle(first, tmp_path / "b.zip") == ["run.json", "report.html"]
    packed = set(_members(tmp_path / "b.zip"))
    assert packed == {"receipt.json", "cancelled.png", "cancelled.pdf", "timeline.json", MANIFEST}
    assert verify_bundle(tmp_path / "b.zip") == 4


def test_a_receipt_is_found_by_its_id_or_the_one_id_it_begins(tmp_path: Path) -> None:
    folder = _cancellation(tmp_path)
    data = tmp_path / "data"
    assert find_receipt(data, folder.name) == folder == find_receipt(data, folder.name[:9])
    other = data / "history" / f"{folder.name[:9]}999-coursera-plus-annual"
    other.mkdir()
    (other / "receipt.json").write_text("{}")
    with pytest.raises(ConfigError, match="matches several receipts"):
        find_receipt(data, folder.name[:9])
    with pytest.raises(ConfigError, match=f"is no receipt's id; the receipts are: {folder.name}"):
        find_receipt(data, "2019")


def test_the_timeline_s_final_url_has_no_query() -> None:
    made = timeline({"url": "https://www.coursera.org/account-settings/subscriptions?token=abc#x"}, None)
    assert made["final_url"] == "https://www.coursera.org/account-settings/subscriptions"
    assert timeline({}, {"started_at": "2026-01-01T00:00:00+00:00"})["run_started_at"].startswith("2026")


def test_the_bundle_names_no_folder_of_the_person_s_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The receipt and its run name their folders, which live in the person's home
    (/home/<name>/...): a bundle is made to be shown to a bank, so those become `~`."""
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = _cancellation(tmp_path)
    assert str(tmp_path) in (folder / "receipt.json").read_text()  # the receipt on disk keeps it
    bundle = tmp_path / "out" / "proof.zip"
    export_bundle(folder, bundle)
    members = _members(bundle)
    assert not [name for name, data in members.items() if str(tmp_path).encode() in data]
    assert json.loads(members["receipt.json"])["run_folder"] == "~/run"
    assert verify_bundle(bundle) == 8
