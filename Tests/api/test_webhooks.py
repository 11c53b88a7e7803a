"""Webhooks against the real server and a receiver that verifies signatures (SPEC §6):
every event delivered once and in order, even across a receiver that is down."""
import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "Tests" / "tools"))
from portal import free_port  # noqa: E402
from webhook_receiver import Receiver  # noqa: E402

from conftest import TOWN_HALL


def test_a_receiver_down_then_up_gets_every_event_once_and_in_order(portal):
    receiver = Receiver(free_port())
    receiver.start()
    try:
        receiver.secret = portal.command("partner-webhook", "set", TOWN_HALL, receiver.url).strip().splitlines()[-1]
        assert receiver.secret.startswith("whsec_")
        key = portal.new_key()

        portal.submit_birth_request()
        first = receiver.wait_for(1, timeout=30)[0]
        assert first["type"] == "dossier.transmitted" and first["sequence"] >= 1
        assert first["_header_id"] == first["id"]
        reference = first["data"]["reference"]

        receiver.stop()
        status, _, answer = portal.api("POST", "/dossiers/%s/acknowledge" % reference, key)
        assert status == 200 and answer["state"] == "pris-en-compte"
        portal.submit_birth_request()
        # The first attempt fails while the receiver is down: the worker says so.
        portal.wait_until(lambda: "retrying" in portal.command("partner-webhook", "deliveries", TOWN_HALL),
                          "no failed attempt recorded", timeout=30)
        receiver.start()
        events = receiver.wait_for(3, timeout=90)
        assert [event["sequence"] for event in events] == [first["sequence"] + step for step in range(3)]
        assert [event["type"] for event in events] == ["dossier.transmitted", "dossier.status_changed", "dossier.transmitted"]
        assert len({event["id"] for event in events}) == 3, "each event once"
        assert not receiver.rejected, "every signature verified"

        # The feed says the same, in the same order.
        status, _, feed = portal.api("GET", "/events?after=%d" % (first["sequence"] - 1), key)
        assert status == 200
        assert [event["id"] for event in feed["events"]] == [event["id"] for event in events]
    finally:
        receiver.stop()
        portal.command("partner-webhook", "remove", TOWN_HALL)
