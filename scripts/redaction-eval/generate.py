#!/usr/bin/env python3
"""Writes the wider evaluation set for the redactor: text unlike our own narratives.

Benchmarks/Data/redaction-eval-wider-dev.jsonl and redaction-eval-wider-test.jsonl: short
texts in the shapes other writers use (chat messages, forms, letters, e-mail signatures,
lists, transcripts), with people, street addresses, postal codes, phone numbers and e-mail
addresses from many countries, and nobody known in advance (no `people` list). Every
identifying span is marked with its type; ordinary words that are also names ("Summer",
"Rose", "Bill", "May", "Grace", "Will"), places, dates, amounts and other numbers that must
*stay* are marked as `keep` (distractors).

Names come from Faker's person providers for many locales (fictional lists, MIT licence),
from a small list of Somali and Arabic given names in Latin spelling written here, and a
share are *invented* from syllables, so that no gazetteer holds them and only a cue can find
them; each person span says which (`origin`: `faker`, `list` or `invented`). Phone numbers
use fictional digits; e-mail domains are example.* ones.

The test split adds template families the dev split never uses ("held-out"), and is drawn
with another seed: the redactor is tuned on dev only, and docs/redaction.md reports both.

    pip install faker && python3 scripts/redaction-eval/generate.py
Evaluate with `confidant-bench redact-eval` (see docs/benchmarks.md).
"""
import argparse
import json
import os
import random

from faker import Faker

NAME_LOCALES = ["fi_FI", "no_NO", "sv_SE", "da_DK", "et_EE", "lv_LV", "lt_LT", "pl_PL", "ro_RO", "pt_PT",
                "pt_BR", "hu_HU", "de_DE", "nl_NL", "es_ES", "it_IT", "fr_FR", "hr_HR", "sl_SI", "cs_CZ",
                "tr_TR", "id_ID", "en_PK", "en_KE", "en_NG", "yo_NG", "en_GB", "en_US", "en_IE"]
# Latin spellings of common Somali and Arabic given names and family names (written here; no person).
LIST_FIRST = ["Abdi", "Abdirahman", "Hodan", "Ayaan", "Faadumo", "Hibaaq", "Warsame", "Ilhaan", "Sahra", "Cabdi",
              "Xamar", "Deeqa", "Nimco", "Guled", "Mahad", "Yusra", "Layla", "Omar", "Karim", "Rania", "Yasmin",
              "Tariq", "Samir", "Nour", "Hamza", "Khadija", "Bilal", "Zainab", "Imran", "Mariam"]
LIST_LAST = ["Warsame", "Farah", "Jama", "Hersi", "Abdullahi", "Osman", "Mohamud", "Egal", "Haji", "Nur",
             "Al-Masri", "Haddad", "Khalil", "Mansour", "Nasser", "Qureshi", "Siddiqui", "Chaudhry", "Abbasi", "Rahman"]
SYLLABLES = ["ka", "lo", "vi", "ne", "ru", "sa", "mi", "to", "ze", "ba", "ri", "ul", "an", "el", "or", "ta", "fen",
             "dar", "kel", "mor", "ish", "una", "bri", "sol", "vek", "nir", "tam", "oz"]
# Ordinary words that are also names, used as words (distractors).
WORD_NAMES = [
    ("Summer", ["We spoke about the plans for the ", " holidays."]),
    ("Rose", ["She has a ", " Gold phone case."]),
    ("Bill", ["The ", " for the gas is overdue."]),
    ("May", ["", " I ask whether the meeting is still on?"]),
    ("Grace", ["There is a ", " period of two weeks for the rent."]),
    ("Will", ["", " the school call back today?"]),
    ("Hope", ["", " is what keeps her going, she said."]),
    ("Faith", ["The ", " Centre runs a food bank."]),
    ("Joy", ["It was a ", " to see him smile."]),
    ("Mark", ["", " the form as urgent please."]),
    ("Frank", ["", " conversations help, the nurse said."]),
    ("Amber", ["The traffic light was on ", " when they crossed."]),
    ("Ruby", ["She wore a ", " red coat."]),
    ("Holly", ["They put ", " on the door at Christmas."]),
    ("Daisy", ["They made a ", " chain in the park."]),
    ("Dawn", ["Police came at ", " on Sunday."]),
    ("Sky", ["The family pays for ", " TV."]),
    ("Autumn", ["", " term starts in September."]),
    ("June", ["The review is in ", "."]),
    ("April", ["", " showers flooded the kitchen."]),
    ("Iris", ["The ", " scan at the clinic was normal."]),
    ("Victoria", ["They met near ", " Station."]),
    ("Miles", ["", " of queues at the bus station, she wrote."]),
    ("Sunny", ["", " spells are forecast for the trip."]),
    ("Sterling", ["Prices are in ", " and euros."]),
]
PLACES = ["Helsinki", "Lisbon", "Porto", "Warsaw", "Gdańsk", "Bucharest", "Cluj", "Vilnius", "Riga", "Tallinn",
          "Oslo", "Bergen", "Stockholm", "Malmö", "Copenhagen", "Aarhus", "Budapest", "Kraków", "Mogadishu",
          "Karachi", "Lahore", "Nairobi", "Lagos", "Madrid", "Rotterdam", "Tampere", "Turku", "Braga", "Coimbra",
          "Timișoara", "Kaunas", "Tartu", "Uppsala", "Hargeisa", "Islamabad", "Berlin", "Hamburg", "Lyon"]


class Doc:
    def __init__(self):
        self.text, self.spans, self.keep = "", [], []

    def t(self, s):
        self.text += s

    def e(self, s, kind, origin=None):
        start = len(self.text)
        self.text += s
        span = {"start": start, "end": len(self.text), "type": kind}
        if origin:
            span["origin"] = origin
        self.spans.append(span)

    def k(self, s):
        start = len(self.text)
        self.text += s
        self.keep.append({"start": start, "end": len(self.text), "text": s})


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in NAME_LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 31 + i)

    # ---- people ---------------------------------------------------------------
    def invented(self):
        s = "".join(self.r.choice(SYLLABLES) for _ in range(self.r.randint(2, 3)))
        return s.capitalize()

    def name(self):
        """(first, last, origin)."""
        roll = self.r.random()
        if roll < 0.2:
            return self.invented(), self.invented() + self.r.choice(["", "sen", "ova", "escu", "ski", "ian"]), "invented"
        if roll < 0.3:
            return self.r.choice(LIST_FIRST), self.r.choice(LIST_LAST), "list"
        f = self.fakers[self.r.choice(NAME_LOCALES)]
        first = f.first_name().split()[0]
        last = f.last_name().split()[0]
        return first, last, "faker"

    def person(self, d, form=None):
        first, last, origin = self.name()
        form = form or self.r.choice(["first", "full", "full", "last"])
        d.e({"first": first, "full": f"{first} {last}", "last": last}[form], "PERSON", origin)

    # ---- numbers and places ---------------------------------------------------------
    def digits(self, n):
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def phone(self):
        r, D = self.r, self.digits
        return r.choice([
            lambda: f"+48 {r.randint(500, 799)} {D(3)} {D(3)}",
            lambda: f"+40 (0)21 {D(3)} {D(2)} {D(2)}",
            lambda: f"+40 7{D(2)} {D(3)} {D(3)}",
            lambda: f"0{r.randint(6, 7)}{D(2)} {D(2)} {D(2)} {D(2)}",
            lambda: f"0{r.randint(1, 9)} {D(2)} {D(2)} {D(2)} {D(2)}",
            lambda: f"+33 {r.randint(6, 7)} {D(2)} {D(2)} {D(2)} {D(2)}",
            lambda: f"+358 40 {D(3)} {D(4)}",
            lambda: f"+358 {D(2)} {D(3)} {D(3)}",
            lambda: f"+47 {D(3)} {D(2)} {D(3)}",
            lambda: f"+46 70-{D(3)} {D(2)} {D(2)}",
            lambda: f"+45 {D(2)} {D(2)} {D(2)} {D(2)}",
            lambda: f"+351 9{D(2)} {D(3)} {D(3)}",
            lambda: f"+55 (11) 9{D(4)}-{D(4)}",
            lambda: f"+370 6{D(2)} {D(5)}",
            lambda: f"+371 2{D(3)} {D(4)}",
            lambda: f"+372 5{D(3)} {D(4)}",
            lambda: f"+252 61 {D(3)} {D(4)}",
            lambda: f"+92 3{D(2)} {D(7)}",
            lambda: f"+254 7{D(2)} {D(3)} {D(3)}",
            lambda: f"+1 ({r.randint(201, 989)}) 555-{D(4)}",
            lambda: f"+1-{r.randint(201, 989)}-555-{D(4)}",
            lambda: f"+49 30 {D(8)}",
            lambda: f"+36 1 {D(3)} {D(4)}",
            lambda: f"+{r.randint(20, 99)}{D(9)}",
            lambda: f"0048 {D(3)} {D(3)} {D(3)}",
            lambda: f"({D(2)}) {D(3)}-{D(3)}",
            lambda: f"{D(2)}-{D(2)}-{D(2)}-{D(2)}",
            lambda: f"{r.randint(5, 9)}{D(2)} {D(3)} {D(3)}",
            lambda: f"{D(3)} {D(4)}",
            lambda: f"{D(3)}-{D(4)}",
            lambda: f"{D(4)} {D(4)}",
            lambda: f"0{D(3)}/{D(6)}",
            lambda: f"{D(2)} {D(2)} {D(2)} {D(2)}",
        ])()

    def email(self):
        first, last, _ = self.name()
        local = self.r.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{self.r.randint(1, 99)}", f"{last}_{first}"])
        local = "".join(c for c in local.lower() if c.isascii() and (c.isalnum() or c in "._-")) or "user"
        return f"{local}@{self.r.choice(['example.com', 'example.org', 'mail.example.net', 'example.pl', 'example.fi'])}"

    def street(self):
        """(address text, postcode or None, town) in one country's shape."""
        r, D = self.r, self.digits
        n = str(r.randint(1, 240))
        town = r.choice(PLACES)
        shapes = [
            lambda: (f"{r.choice(['Mäki', 'Koulu', 'Rauha', 'Kirkko', 'Puisto'])}{r.choice(['katu', 'tie', 'kuja'])} {n}", f"{D(5)}", r.choice(["Helsinki", "Tampere", "Turku"])),
            lambda: (f"Rua {r.choice(['das Flores', 'do Carmo', 'da Liberdade', 'de São Bento', 'Augusta'])} {n}", f"{D(4)}-{D(3)}", r.choice(["Lisboa", "Porto", "Braga"])),
            lambda: (f"Avenida {r.choice(['da República', 'Paulista', 'de Roma', 'Central'])}, {n}", f"{D(5)}-{D(3)}", r.choice(["São Paulo", "Lisboa", "Curitiba"])),
            lambda: (f"ul. {r.choice(['Długa', 'Krótka', 'Polna', 'Lipowa', 'Mickiewicza'])} {n}", f"{D(2)}-{D(3)}", r.choice(["Gdańsk", "Warszawa", "Kraków"])),
            lambda: (f"Ulica {r.choice(['Długa', 'Kwiatowa', 'Leśna', 'Słoneczna'])} {n}", f"{D(2)}-{D(3)}", r.choice(["Gdańsk", "Poznań", "Łódź"])),
            lambda: (f"Strada {r.choice(['Lipscani', 'Florilor', 'Mihai Eminescu', 'Victoriei'])} nr. {n}", f"{D(6)}", r.choice(["București", "Cluj-Napoca", "Iași"])),
            lambda: (f"{r.choice(['Haupt', 'Linden', 'Schiller', 'Garten', 'Berg'])}{r.choice(['straße', 'strasse', 'weg', 'gasse', 'platz'])} {n}", f"{D(5)}", r.choice(["Berlin", "Hamburg", "Köln"])),
            lambda: (f"{r.choice(['Kungs', 'Drottning', 'Stor', 'Skol', 'Kyrko'])}{r.choice(['gatan', 'vägen'])} {n}", f"{D(3)} {D(2)}", r.choice(["Stockholm", "Malmö", "Uppsala"])),
            lambda: (f"{r.choice(['Storgata', 'Kirkeveien', 'Skolegata', 'Parkveien'])} {n}", f"{D(4)}", r.choice(["Oslo", "Bergen", "Trondheim"])),
            lambda: (f"{r.choice(['Vestergade', 'Nørregade', 'Østerbrogade', 'Skolevej'])} {n}", f"{D(4)}", r.choice(["København", "Aarhus", "Odense"])),
            lambda: (f"{r.choice(['Kerk', 'Dorps', 'Molen', 'School'])}{r.choice(['straat', 'laan', 'weg'])} {n}", f"{D(4)} {r.choice('ABCDEFGHJKLMNPRSTVWXZ')}{r.choice('ABCDEFGHJKLMNPRSTVWXZ')}", r.choice(["Amsterdam", "Utrecht", "Rotterdam"])),
            lambda: (f"{r.choice(['Gedimino', 'Laisvės', 'Vilniaus'])} {r.choice(['pr.', 'g.'])} {n}", f"LT-{D(5)}", r.choice(["Vilnius", "Kaunas"])),
            lambda: (f"{r.choice(['Brīvības', 'Elizabetes', 'Dzirnavu'])} iela {n}", f"LV-{D(4)}", "Rīga"),
            lambda: (f"{r.choice(['Pärnu', 'Narva', 'Tartu'])} mnt {n}", f"{D(5)}", "Tallinn"),
            lambda: (f"{r.choice(['Váci', 'Andrássy', 'Rákóczi'])} út {n}", f"{D(4)}", "Budapest"),
            lambda: (f"Calle {r.choice(['Mayor', 'de Alcalá', 'del Sol', 'Real'])} {n}", f"{D(5)}", r.choice(["Madrid", "Sevilla"])),
            lambda: (f"Via {r.choice(['Roma', 'Garibaldi', 'Dante', 'dei Mille'])} {n}", f"{D(5)}", r.choice(["Milano", "Torino"])),
            lambda: (f"{n} rue {r.choice(['de la Paix', 'Victor Hugo', 'des Lilas', 'du Moulin'])}", f"{D(5)}", r.choice(["Lyon", "Paris", "Lille"])),
            lambda: (f"{n} {r.choice(['Maple', 'Oak', 'Elm', 'Cedar', 'Pine'])} {r.choice(['St', 'Ave', 'Street', 'Avenue', 'Blvd', 'Drive'])}", f"{r.choice(['IL', 'NY', 'CA', 'TX', 'OH'])} {D(5)}", r.choice(["Springfield", "Dayton", "Austin"])),
            lambda: (f"{r.choice(['Maka Al Mukarama', 'Wadada Jigjiga', 'Taleex'])} Road {n}", None, r.choice(["Mogadishu", "Hargeisa"])),
            lambda: (f"House {n}, Street {r.randint(1, 40)}", None, r.choice(["Lahore", "Karachi", "Islamabad"])),
            lambda: (f"{n} {r.choice(['Oakfield', 'Hollins', 'Marsh'])} {r.choice(['Road', 'Lane', 'Close'])}", None, r.choice(["Salford", "Bolton"])),
        ]
        return r.choice(shapes)()

    def unit(self):
        r = self.r
        return r.choice([f"Apt. {r.randint(1, 90)}", f"Suite {r.randint(1, 900)}", f"Flat {r.randint(1, 40)}",
                         f"Apartment {r.randint(1, 60)}{r.choice(['', 'B', 'C'])}", f"Unit {r.randint(1, 30)}",
                         f"apt {r.randint(1, 90)}", f"m. {r.randint(1, 90)}"])

    def po_box(self):
        r = self.r
        return r.choice([f"PO Box {self.digits(4)}", f"P.O. Box {r.randint(10, 9999)}", f"Postfach {self.digits(4)}",
                         f"Caixa Postal {r.randint(10, 9999)}", f"Apartado {r.randint(10, 999)}"])

    # ---- templates: each writes one short text -----------------------------------------
    def t_phone_cue(self, d):
        cue = self.r.choice(["Phone: ", "Tel. ", "Mobile ", "ring me on ", "texts to ", "call her on ", "his number is ",
                             "WhatsApp ", "reach me at ", "Tel: ", "cell: ", "landline ", "mob. "])
        lead = self.r.choice(["", "Any problems, ", "If she is late, ", "After school, "])
        d.t(lead + cue if lead else cue[0].upper() + cue[1:])
        d.e(self.phone(), "PHONE")
        d.t(self.r.choice([".", " after 6pm.", " (evenings).", ", any time.", ""]))

    def t_phone_plain(self, d):
        d.t(self.r.choice(["Contact: ", "Numbers: ", "Emergency contact ", ""]))
        first, last, origin = self.name()
        d.e(f"{first} {last}", "PERSON", origin)
        d.t(self.r.choice([" – ", ", ", " on ", ": "]))
        d.e(self.phone(), "PHONE")
        if self.r.random() < 0.4:
            d.t(" or ")
            d.e(self.email(), "EMAIL")
        d.t(".")

    def t_address_line(self, d):
        addr, code, town = self.street()
        d.t(self.r.choice(["They now live at ", "New address: ", "Address: ", "The family moved to ", "Letters go to "]))
        d.e(addr, "ADDRESS")
        if self.r.random() < 0.35:
            d.t(", ")
            d.e(self.unit(), "ADDRESS")
        if code:
            d.t(", ")
            if code[:2].isalpha() and code[2] == " ":
                d.k(town)
                d.t(", " + code[:3])
                d.e(code[3:], "POSTCODE")
            else:
                d.e(code, "POSTCODE")
                d.t(" ")
                d.k(town)
        else:
            d.t(", ")
            d.k(town)
        d.t(".")

    def t_address_block(self, d):
        first, last, origin = self.name()
        d.e(f"{first} {last}", "PERSON", origin)
        d.t("\n")
        addr, code, town = self.street()
        if self.r.random() < 0.3:
            d.e(self.unit(), "ADDRESS")
            d.t("\n")
        d.e(addr, "ADDRESS")
        d.t("\n")
        if code and not (code[:2].isalpha() and code[2] == " "):
            d.e(code, "POSTCODE")
            d.t(" ")
        d.k(town)
        d.t("\n")

    def t_po_box(self, d):
        d.t(self.r.choice(["Post to ", "Write to ", "Correspondence: ", "Send the forms to "]))
        d.e(self.po_box(), "ADDRESS")
        d.t(", ")
        d.k(self.r.choice(PLACES))
        d.t(".")

    def t_my_name(self, d):
        first, last, origin = self.name()
        style = self.r.randint(0, 6)
        if style == 0:
            d.t("My name is "); d.e(first, "PERSON", origin); d.t(" and I need help.")
        elif style == 1:
            d.t("Name: "); d.e(f"{first} {last}", "PERSON", origin); d.t("\nAge: 15")
        elif style == 2:
            d.t("Surname? "); d.e(last, "PERSON", origin); d.t(". First name? "); d.e(first, "PERSON", origin); d.t(".")
        elif style == 3:
            d.t("Hi, I'm "); d.e(first, "PERSON", origin); d.t(", I was told to message you.")
        elif style == 4:
            d.t("Full name: "); d.e(f"{first} {last}", "PERSON", origin); d.t(". Preferred name: "); d.e(first, "PERSON", origin)
        elif style == 5:
            d.t("This is "); d.e(first, "PERSON", origin); d.t(" from the flat upstairs.")
        else:
            d.t("Her name is "); d.e(f"{first} {last}", "PERSON", origin); d.t(".")

    def t_list(self, d):
        n = self.r.randint(2, 4)
        d.t(self.r.choice(["The group is run by three friends: ", "Present: ", "The children are ", "Staff on shift were ",
                           "Also at the party: ", "Signed by "]))
        for i in range(n):
            if i:
                d.t(" and " if i == n - 1 else ", ")
            first, last, origin = self.name()
            d.e(self.r.choice([last, first, f"{first} {last}"]), "PERSON", origin)
        d.t(".")

    def t_lowercase(self, d):
        first, last, origin = self.name()
        d.t(self.r.choice(["spoke to ", "i met ", "texted ", "saw ", "went round to "]))
        d.e(f"{first.lower()} {last.lower()}", "PERSON", origin)
        d.t(self.r.choice([" yesterday", " after school", " at the bus stop", ""]) + ".")

    def t_initials(self, d):
        first, last, origin = self.name()
        form = self.r.choice([f"{first} {self.r.choice('ABCDEFGHJKLMNPRSTVW')}. {last}", f"{first[0]}. {last}",
                              f"{first[0]}.{self.r.choice('ABCDEFGHJKLMNPRSTVW')}. {last}"])
        d.t(self.r.choice(["The form was signed by ", "Report written by ", "Witness: ", "Contact person "]))
        d.e(form, "PERSON", origin)
        d.t(".")

    def t_possessive(self, d):
        first, last, origin = self.name()
        d.t(self.r.choice(["We found ", "They went to ", "Police checked "]))
        d.e(self.r.choice([first, last]), "PERSON", origin)
        d.t(self.r.choice(["'s ", "’s "]) + self.r.choice(["phone", "flat", "mum", "brother", "car", "bag"]) + ".")

    def t_speech(self, d):
        first, last, origin = self.name()
        d.t(self.r.choice(["Later ", "Then ", "At 9pm ", "On the phone "]))
        d.e(self.r.choice([first, f"{first} {last}"]), "PERSON", origin)
        d.t(self.r.choice([" said she was scared.", " told us to leave.", " asked for a lift.", " shouted at the kids."]))

    def t_title(self, d):
        first, last, origin = self.name()
        d.t(self.r.choice(["We were met by ", "Please ask for ", "Appointment with "]))
        d.e(f"{self.r.choice(['Mr', 'Mrs', 'Ms', 'Dr', 'Dr.', 'Pani', 'Herr', 'Sra.'])} {last}", "PERSON", origin)
        d.t(".")

    def t_email_sign(self, d):
        first, last, origin = self.name()
        d.t(self.r.choice(["Thanks,\n", "Best wishes,\n", "Regards,\n", "Cheers, "]))
        d.e(f"{first} {last}", "PERSON", origin)
        d.t("\n")
        d.e(self.email(), "EMAIL")
        d.t(" | ")
        d.e(self.phone(), "PHONE")

    def t_chat(self, d):
        first, last, origin = self.name()
        d.t(self.r.choice(["hey ", "hi ", "ok ", "Dear "]))
        d.e(first, "PERSON", origin)
        d.t(self.r.choice([" can u call me", ", sorry for the late reply", " its me again", ", please find attached"]))
        d.t(". " if self.r.random() < 0.5 else " ")
        d.t(self.r.choice(["my new number is ", "text me on ", "ring ", "call me on "]))
        d.e(self.phone(), "PHONE")

    def t_distractor_words(self, d):
        word, (before, after) = self.r.choice(WORD_NAMES)
        d.t(before)
        d.k(word)
        d.t(after)

    def t_distractor_numbers(self, d):
        r = self.r
        choice = r.randint(0, 9)
        if choice == 0:
            d.t("The rent is "); d.k(f"€{r.randint(4, 12)} {r.randint(100, 999)}"); d.t(" a year.")
        elif choice == 1:
            d.t("They arrived in "); d.k(str(r.randint(2015, 2025))); d.t(" from "); d.k(r.choice(PLACES)); d.t(".")
        elif choice == 2:
            d.t("Meeting on "); d.k(f"{r.randint(10, 28)}.{r.randint(10, 12)}.{r.randint(2024, 2026)}"); d.t(" at "); d.k(f"{r.randint(10, 17)}:{r.choice(['00', '15', '30'])}"); d.t(".")
        elif choice == 3:
            d.t("She scored "); d.k(f"{r.randint(10, 99)} out of 100"); d.t(" in the test.")
        elif choice == 4:
            d.t("The bus "); d.k(str(r.randint(10, 300))); d.t(" stops near the school.")
        elif choice == 5:
            d.t("In "); d.k(str(r.randint(2018, 2025))); d.t(" Mum moved to "); d.k(r.choice(PLACES)); d.t(".")
        elif choice == 6:
            d.t("The flight from "); d.k(r.choice(PLACES)); d.t(" landed on "); d.k(f"{r.randint(2024, 2026)}-0{r.randint(1, 9)}-{r.randint(10, 28)}"); d.t(".")
        elif choice == 7:
            d.t("He is "); d.k(f"{r.randint(140, 190)} cm"); d.t(" tall and weighs "); d.k(f"{r.randint(40, 90)} kg"); d.t(".")
        elif choice == 8:
            d.t("Between "); d.k(str(r.randint(2, 5))); d.t(" and "); d.k(str(r.randint(6, 9))); d.t(" pupils were absent in Year "); d.k(str(r.randint(7, 11))); d.t(".")
        else:
            d.t("She paid "); d.k(f"{r.randint(1, 9)} {r.randint(100, 999)} zł"); d.t(" for the phone.")

    def t_distractor_places(self, d):
        d.t(self.r.choice(["They flew from ", "Her grandmother lives in ", "The coach goes via ", "He grew up near "]))
        d.k(self.r.choice(PLACES))
        d.t(self.r.choice([" and then ", " before moving to ", " and now "]))
        d.k(self.r.choice(PLACES))
        d.t(".")

    # ---- held-out families (test split only) -----------------------------------------
    def h_transcript(self, d):
        first, last, origin = self.name()
        d.t("Caller: ")
        d.e(first, "PERSON", origin)
        d.t(self.r.choice([" (mother)", " (neighbour)", ""]))
        d.t("\nCallback: ")
        d.e(self.phone(), "PHONE")
        d.t("\nNotes: lives at ")
        addr, code, town = self.street()
        d.e(addr, "ADDRESS")
        d.t(" in ")
        d.k(town)
        d.t(".")

    def h_referral_form(self, d):
        first, last, origin = self.name()
        d.t("Child's name: ")
        d.e(f"{first} {last}", "PERSON", origin)
        d.t("; parent: ")
        p_first, p_last, p_origin = self.name()
        d.e(f"{p_first} {p_last}", "PERSON", p_origin)
        d.t("; e-mail ")
        d.e(self.email(), "EMAIL")
        d.t("; home ")
        addr, code, town = self.street()
        d.e(addr, "ADDRESS")
        if code and not (code[:2].isalpha() and code[2] == " "):
            d.t(", ")
            d.e(code, "POSTCODE")
            d.t(" ")
            d.k(town)
        d.t(".")

    def h_story(self, d):
        a_first, a_last, a_origin = self.name()
        b_first, b_last, b_origin = self.name()
        d.t("When ")
        d.e(a_first, "PERSON", a_origin)
        d.t(" moved in with ")
        d.e(f"{b_first} {b_last}", "PERSON", b_origin)
        d.t(", the neighbours kept ringing ")
        d.e(self.phone(), "PHONE")
        d.t(" about the noise. ")
        d.t(self.r.choice(["", "In "]))
        if d.text.endswith("In "):
            d.k("May")
            d.t(" they left for ")
            d.k(self.r.choice(PLACES))
            d.t(".")

    TEMPLATES = ["t_phone_cue", "t_phone_plain", "t_address_line", "t_address_block", "t_po_box", "t_my_name", "t_list",
                 "t_lowercase", "t_initials", "t_possessive", "t_speech", "t_title", "t_email_sign", "t_chat",
                 "t_distractor_words", "t_distractor_words", "t_distractor_numbers", "t_distractor_places"]
    HELD_OUT = ["h_transcript", "h_referral_form", "h_story"]

    def item(self, held_out):
        d = Doc()
        families = self.TEMPLATES + (self.HELD_OUT * 3 if held_out else [])
        for i in range(self.r.randint(2, 4)):
            if i:
                d.t(self.r.choice([" ", "\n", " "]))
            getattr(self, self.r.choice(families))(d)
        return d


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=600)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out_dir = os.path.join(root, "Benchmarks", "Data")
    os.makedirs(out_dir, exist_ok=True)
    for split, seed, held_out in [("dev", 20261201, False), ("test", 20261202, True)]:
        gen = Gen(seed)
        path = os.path.join(out_dir, f"redaction-eval-wider-{split}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            counts = {}
            for i in range(args.count):
                d = gen.item(held_out)
                for s in d.spans:
                    counts[s["type"]] = counts.get(s["type"], 0) + 1
                f.write(json.dumps({"id": f"{split}{i:04d}", "text": d.text, "spans": d.spans, "keep": d.keep},
                                   ensure_ascii=False) + "\n")
        print(split, path, dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
