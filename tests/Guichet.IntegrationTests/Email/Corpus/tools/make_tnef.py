#!/usr/bin/env python3
"""Writes the winmail.dat of outlook-tnef.eml: a TNEF stream as Outlook sends it with "Rich Text" mail
(MS-OXTNEF: signature, legacy key, then level/attribute/length/data/checksum records), holding the message's
text and two attached files. Prints it base64-encoded, 76 characters a line, for the .eml.

    python3 make_tnef.py > /tmp/winmail.b64
"""
import base64
import struct
import sys

LEVEL_MESSAGE, LEVEL_ATTACHMENT = 1, 2


def attribute(level: int, att_id: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, att_id, len(data)) + data + struct.pack("<H", checksum)


def tnef(subject: str, body: str, files: list[tuple[str, bytes]]) -> bytes:
    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += attribute(LEVEL_MESSAGE, 0x00089006, struct.pack("<I", 0x00010000))        # attTnefVersion
    out += attribute(LEVEL_MESSAGE, 0x00069007, struct.pack("<II", 1252, 0))          # attOemCodepage
    out += attribute(LEVEL_MESSAGE, 0x00078008, b"IPM.Microsoft Mail.Note\0")         # attMessageClass
    out += attribute(LEVEL_MESSAGE, 0x00018004, subject.encode("cp1252") + b"\0")     # attSubject
    out += attribute(LEVEL_MESSAGE, 0x0002800C, body.encode("cp1252"))               # attBody
    for name, content in files:
        # attAttachRendData: a file (1), no position, no rendering, no flags; then its title and bytes.
        out += attribute(LEVEL_ATTACHMENT, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))
        out += attribute(LEVEL_ATTACHMENT, 0x00018010, name.encode("cp1252") + b"\0")
        out += attribute(LEVEL_ATTACHMENT, 0x0006800F, content)
    return out


if __name__ == "__main__":
    data = tnef(
        "Rechnung März fehlt",
        "Guten Tag,\r\n\r\ndie Rechnung für März fehlt in unserem Konto. Die Liste der Bestellungen liegt bei.\r\n\r\nMit freundlichen Grüßen\r\nJürgen Weiß\r\n",
        [
            ("Bestellungen.csv", "Nummer;Datum;Betrag\r\n4711;03.03.2026;119,00 €\r\n4712;17.03.2026;59,50 €\r\n".encode("cp1252")),
            ("Notiz.txt", b"Kundennummer 20931\r\n"),
        ],
    )
    encoded = base64.b64encode(data).decode("ascii")
    sys.stdout.write("\r\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + "\r\n")
