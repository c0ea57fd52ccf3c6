#!/usr/bin/env python3
"""Generate a realistic ensomhed records repository of a given size.

    python bench/generate.py OUT --records 10000 [--seed 1]

The same seed and size give the same files, byte for byte. The repository follows
../shared/record-format.md and checks clean: bodies with members and working groups
of 5–7, people, plans with themes, goals, measurements and a chain of milestones,
initiatives with plans, goals, target groups, budgets and reach, and meetings (about
three in four records) with items, presenters, times inside the meeting, decisions on
held meetings, a closed item now and then, and follow-up actions. Text is Danish.

Only the standard library is used, so the benchmark can run it before anything is
installed. OUT must not exist or must be empty: the generator never writes over files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

FIRST = ["Anne", "Bo", "Cæcilie", "Dorthe", "Erik", "Frida", "Gitte", "Hans", "Ida", "Jens", "Karen", "Lars",
         "Mette", "Niels", "Ole", "Pia", "Rasmus", "Søren", "Tove", "Ulla", "Vibeke", "Åse", "Øjvind", "Birthe"]
LAST = ["Andersen", "Bertelsen", "Christensen", "Dahl", "Eriksen", "Frandsen", "Gregersen", "Holm", "Iversen",
        "Jensen", "Kristensen", "Larsen", "Madsen", "Nielsen", "Olsen", "Pedersen", "Rasmussen", "Sørensen",
        "Thomsen", "Østergaard", "Aagaard", "Møller", "Lund", "Bæk"]
TITLES = ["konsulent", "kontorchef", "leder", "sygeplejerske", "aktivitetsmedarbejder", "frivilligkoordinator",
          "formand", "næstformand", "socialrådgiver", "centerchef"]
TOWNS = ["Hedensted", "Rødovre", "Gladsaxe", "Aarhus", "Køge", "Silkeborg", "Næstved", "Skive", "Ærø",
         "Frederikshavn", "Ikast-Brande", "Tønder", "Vejle", "Høje-Taastrup", "Faaborg-Midtfyn"]
TARGET_GROUPS = ["plejehjemsbeboere", "ældre der bor alene", "psykisk sårbare borgere", "udsatte borgere",
                 "pårørende", "unge med ensomhed", "borgere med demens", "nyligt enlige ældre"]
PARTNERS = ["frivillige", "foreninger", "praktiserende læger", "boligforeninger", "biblioteket",
            "Ældre Sagen", "Røde Kors", "lokalavisen"]
TOPICS = ["ensomhed blandt ældre", "fællesspisning", "besøgsvenner", "gåture i lokalområdet",
          "opsporing af ensomme borgere", "samarbejde med foreningslivet", "digitale fællesskaber",
          "pårørendenetværk", "overgang fra hospital til eget hjem", "aktiviteter på plejecentre",
          "budgetforslag for næste år", "brugerundersøgelsen", "frivilligstrategien", "kørselsordninger",
          "måltidsfællesskaber", "sundhedsprofilen", "værestedernes åbningstider", "mødedatoer"]
VERBS = ["drøftede", "godkendte", "tog til efterretning", "bakkede op om", "ønskede en status på",
         "besluttede at arbejde videre med"]
WORDS = ("borgerne oplever at fællesskabet gør en forskel og at medarbejderne kender hinandens områder "
         "der er behov for en tydelig indgang til kommunen og en kontaktperson som har ansvaret "
         "aktiviteterne skal ligge tæt på borgerne og være åbne for alle uden visitation "
         "frivillige og foreninger bidrager med tid og viden samtidig med at personalet støtter op "
         "målet er at flere får nye relationer og at færre føler sig ensomme i hverdagen").split()

BODY_TYPES = ["committee", "advisory_council", "management", "department", "reference_group"]
CATEGORIES = ["outreach", "preventive", "ongoing_contact", "community", "experience"]
INITIATIVE_STATUSES = ["proposed", "planned", "active", "active", "active", "completed", "paused"]
TODAY = dt.date(2026, 6, 1)  # fixed, so the files do not depend on the day they are made


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


class Generator:
    def __init__(self, records: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.total = records
        self.n_plans = max(1, records // 250)
        self.n_bodies = max(4, records // 60)
        self.n_people = max(12, records // 8)
        self.n_initiatives = max(2, records // 8)
        self.n_meetings = max(1, records - self.n_plans - self.n_bodies - self.n_people - self.n_initiatives)
        self.files: dict[str, str] = {}

    # people ---------------------------------------------------------------
    def people(self) -> None:
        rng = self.rng
        self.person_ids = []
        for n in range(self.n_people):
            pid = f"p{n:06d}"
            self.person_ids.append(pid)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            lines = ["kind: person", f"name: {first} {last}"]
            if rng.random() < 0.7:
                lines.append(f"title: {rng.choice(TITLES)}")
            if rng.random() < 0.5:
                lines.append(f"organisation: {rng.choice(TOWNS)} Kommune")
            if rng.random() < 0.4:
                lines.append(f"email: {pid}@example.dk")
            self.files[f"records/people/{pid[:4]}/{pid}.yaml"] = "\n".join(lines) + "\n"

    # bodies ---------------------------------------------------------------
    def bodies(self) -> None:
        rng = self.rng
        self.body_ids, self.members = [], {}
        for n in range(self.n_bodies):
            bid = f"b{n:05d}"
            self.body_ids.append(bid)
            working_group = n % 5 == 4
            kind = "working_group" if working_group else BODY_TYPES[n % len(BODY_TYPES)]
            count = rng.randint(5, 7) if working_group else rng.randint(5, 12)
            members = rng.sample(self.person_ids, count)
            self.members[bid] = members
            town = rng.choice(TOWNS)
            name = f"Arbejdsgruppe {n} om {rng.choice(TOPICS)}" if working_group else f"{kind.replace('_', ' ').capitalize()} {n}, {town}"
            lines = ["---", "kind: body", f"name: {quote(name)}", f"type: {kind}"]
            if n and rng.random() < 0.4:
                lines.append(f"parent: b{rng.randrange(n):05d}")
            if working_group:
                lines.append(f"plan: pl{rng.randrange(self.n_plans):04d}")
                lines.append("size: {min: 5, max: 7}")
            lines.append("members:")
            for i, pid in enumerate(members):
                role = "formand" if i == 0 else rng.choice(["medarbejder", "konsulent", "frivilligrepræsentant", "brugerrepræsentant"])
                lines.append(f"  - {{person: {pid}, role: {role}}}")
            if working_group:
                lines.append("commission: " + block(paragraph(rng, 2), 2))
            lines += ["---", paragraph(rng, 2)]
            self.files[f"records/bodies/{bid}.md"] = "\n".join(lines) + "\n"

    # plans ----------------------------------------------------------------
    def plans(self) -> None:
        rng = self.rng
        self.plan_ids, self.goal_refs = [], []
        for n in range(self.n_plans):
            pid = f"pl{n:04d}"
            self.plan_ids.append(pid)
            start = dt.date(2018 + n % 8, 1, 1)
            end = dt.date(start.year + 3, 12, 31)
            lines = ["---", "kind: plan", f"title: {quote(f'Ensomhedsplan {start.year}–{end.year}, {rng.choice(TOWNS)}')}",
                     f"owner: {rng.choice(self.body_ids)}", "status: active",
                     f"period: {{from: {start}, to: {end}}}", f"approved_by: {rng.choice(self.body_ids)}",
                     f"approved_on: {start - dt.timedelta(days=30)}",
                     "vision: " + block(paragraph(rng, 2), 2), "principles:"]
            lines += [f"  - {sentence(rng, 7)}" for _ in range(3)]
            lines.append("themes:")
            for t in range(3):
                lines += [f"  - id: tema-{t + 1}", f"    title: {quote(rng.choice(TOPICS).capitalize())}",
                          "    focus: " + block(paragraph(rng, 2), 6),
                          f"    policies: [{quote(sentence(rng, 5))}]",
                          "    priorities:", f"      - {sentence(rng, 9)}", f"      - {sentence(rng, 9)}",
                          f"    collaborates_with: {flow(rng.sample(PARTNERS, 2))}"]
            lines.append("goals:")
            for g in range(4):
                gid = f"maal-{g + 1}"
                self.goal_refs.append(f"{pid}#{gid}")
                baseline = round(rng.uniform(5, 40), 1)
                lines += [f"  - id: {gid}", f"    title: {quote('Færre ensomme ' + rng.choice(TARGET_GROUPS))}",
                          f"    theme: tema-{g % 3 + 1}", "    indicator: Andel der ofte føler sig uønsket alene",
                          "    unit: pct.", f"    baseline: {{value: {baseline}, date: {start}}}",
                          f"    target: {{value: {round(baseline * 0.7, 1)}, date: {end}}}", "    measurements:"]
                for y in range(3):
                    value = round(baseline * (1 - 0.08 * (y + 1)) + rng.uniform(-1, 1), 1)
                    lines.append(f"      - {{date: {dt.date(start.year + y, 11, 1)}, value: {value}, note: {quote(sentence(rng, 6))}}}")
                lines.append("    status_note: " + block(paragraph(rng, 1), 6))
            lines.append("milestones:")
            day = start
            for m in range(6):
                day += dt.timedelta(days=rng.randint(20, 120))
                lines += [f"  - id: trin-{m + 1}", f"    title: {quote(rng.choice(TOPICS).capitalize())}",
                          f"    date: {day}", f"    status: {'done' if day < TODAY else 'planned'}"]
                if m:
                    lines.append(f"    depends_on: [trin-{m}]")
                lines += [f"    participants: [{rng.choice(['arbejdsgrupper', 'ledelsen', 'borgere', 'frivillige'])}]",
                          "    description: " + block(sentence(rng), 6)]
            lines += ["---", paragraph(rng, 3)]
            self.files[f"records/plans/{pid}.md"] = "\n".join(lines) + "\n"

    # initiatives ----------------------------------------------------------
    def initiatives(self) -> None:
        rng = self.rng
        self.initiative_ids = []
        for n in range(self.n_initiatives):
            iid = f"i{n:06d}"
            self.initiative_ids.append(iid)
            plan = rng.choice(self.plan_ids)
            start = dt.date(2019 + n % 7, 1 + n % 12, 1)
            lines = ["---", "kind: initiative", f"title: {quote(rng.choice(TOPICS).capitalize() + f' i {rng.choice(TOWNS)}')}",
                     f"status: {rng.choice(INITIATIVE_STATUSES)}", f"category: {rng.choice(CATEGORIES)}",
                     f"plans: [{plan}]", f"goals: [{plan}#maal-{rng.randint(1, 4)}]",
                     f"owner: {rng.choice(self.person_ids + self.body_ids)}",
                     f"target_groups: {flow(rng.sample(TARGET_GROUPS, rng.randint(1, 3)))}",
                     f"partners: {flow(rng.sample(PARTNERS, rng.randint(1, 3)))}",
                     f"start: {start}", f"end: {start + dt.timedelta(days=rng.randint(180, 1000))}",
                     f"budget: {{amount: {rng.randrange(50, 900) * 1000}, currency: DKK, year: {start.year}}}",
                     "reach:"]
            for r in range(rng.randint(1, 3)):
                participants = rng.randint(5, 120)
                lines.append(f"  - {{date: {dt.date(start.year + r, 12, 1)}, participants: {participants}, "
                             f"new_relations: {rng.randint(0, participants)}, note: {quote(sentence(rng, 6))}}}")
            lines += ["---", paragraph(rng, 2)]
            self.files[f"records/initiatives/{iid[:4]}/{iid}.md"] = "\n".join(lines) + "\n"

    # meetings -------------------------------------------------------------
    def meetings(self) -> None:
        rng = self.rng
        for n in range(self.n_meetings):
            body = self.body_ids[n % len(self.body_ids)]
            members = self.members[body]
            day = dt.date(2016, 1, 4) + dt.timedelta(days=rng.randrange(11 * 365))
            held = day < TODAY
            status = "held" if held else "planned"
            if rng.random() < 0.02:
                status = "cancelled"
            start_min = rng.choice([9, 10, 13, 14, 16]) * 60
            count = rng.randint(3, 6)
            slots = [rng.choice([15, 20, 30, 45]) for _ in range(count)]
            end_min = start_min + sum(slots) + 15
            absent = rng.sample(members, rng.randint(0, 2))
            attendees = [m for m in members if m not in absent]
            lines = ["---", "kind: meeting", f"body: {body}", f"date: {day}",
                     f"start: {start_min // 60:02d}:{start_min % 60:02d}", f"end: {end_min // 60:02d}:{end_min % 60:02d}",
                     f"location: {quote(rng.choice(['Rådhuset', 'Sundhedshuset', 'Kulturhuset', 'Plejecentret']) + ', mødelokale ' + str(rng.randint(1, 9)))}",
                     f"mode: {rng.choice(['in_person', 'in_person', 'online', 'hybrid'])}", f"status: {status}",
                     f"chair: {members[0]}", f"secretary: {rng.choice(self.person_ids)}", f"attendees: {flow(attendees)}"]
            if absent:
                lines.append("absent:")
                for pid in absent:
                    lines.append(f"  - {{person: {pid}, reason: {rng.choice(['ferie', 'arbejde', 'andet møde'])}}}")
            if status == "held" and rng.random() < 0.8:
                lines.append(f"minutes_approved: {day + dt.timedelta(days=7)}")
            lines.append("items:")
            at = start_min + 5
            closed_index = count - 1 if rng.random() < 0.15 else -1
            for i in range(count):
                topic = rng.choice(TOPICS)
                lines += [f"  - title: {quote(topic.capitalize())}",
                          f"    type: {rng.choice(['decision', 'information', 'discussion'])}",
                          f"    start: {at // 60:02d}:{at % 60:02d}"]
                at += slots[i]
                lines.append(f"    end: {at // 60:02d}:{at % 60:02d}")
                if rng.random() < 0.3:
                    lines.append(f"    case: {quote(f'{day.year}-{rng.randrange(10000):05d}')}")
                lines.append(f"    presenters: [{rng.choice(attendees or members)}]")
                lines.append("    description: " + block(paragraph(rng, rng.randint(1, 4)), 6))
                if rng.random() < 0.5:
                    lines.append("    recommendation: " + block(sentence(rng), 6))
                if status == "held":
                    lines.append("    decision: " + block(f"Mødet {rng.choice(VERBS)} {topic}. " + sentence(rng), 6))
                if i == closed_index:
                    lines.append("    closed: true")
                if rng.random() < 0.3:
                    lines.append(f"    initiatives: [{rng.choice(self.initiative_ids)}]")
                if rng.random() < 0.2:
                    lines.append(f"    plans: [{rng.choice(self.plan_ids)}]")
                if status == "held" and rng.random() < 0.3:
                    done = rng.random() < 0.5
                    lines += ["    actions:", f"      - what: {quote(sentence(rng, 8))}",
                              f"        owners: [{rng.choice(members)}]", f"        due: {day + dt.timedelta(days=30)}",
                              f"        status: {'done' if done else 'open'}"]
                    if done:
                        lines.append(f"        done_on: {day + dt.timedelta(days=20)}")
            lines += ["---", paragraph(rng, 1)]
            self.files[f"records/meetings/{day.year}/{day}-{body}-{n:06d}.md"] = "\n".join(lines) + "\n"

    def run(self) -> dict[str, str]:
        self.people()
        self.bodies()
        self.plans()
        self.initiatives()
        self.meetings()
        self.files["ensomhed.yaml"] = (
            "municipality: Benchmark Kommune\nlanguage: da\ntimezone: Europe/Copenhagen\nvocabularies:\n"
            f"  target_groups: {flow(TARGET_GROUPS)}\n  partners: {flow([quote(p) for p in PARTNERS])}\n"
        )
        return self.files


def generate(out: Path, records: int, seed: int = 1) -> int:
    """Write the repository into `out` (absent or empty); returns the number of records."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"generate: {out} is not empty; give a new folder")
    files = Generator(records, seed).run()
    folders: set[Path] = set()
    for rel, text in files.items():
        path = out / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    return len(files) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to create (must not exist or be empty)")
    parser.add_argument("--records", type=int, default=1000, help="how many records (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.records < 20:
        parser.error("--records must be at least 20")
    count = generate(args.out, args.records, args.seed)
    print(f"generate: {count} records in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
