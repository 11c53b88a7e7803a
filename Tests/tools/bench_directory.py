"""Part of `make bench`: the directory search over the shipped town halls and 20,000
imported bodies. Writes the DILA export to import (`generate`), or times the search page
of a running server (`time`): p50/p95 per query, and p95 over all of them against the
goal of 20 ms. Exits non-zero when the goal is missed."""
import csv
import json
import pathlib
import random
import sys
import time
import urllib.parse
import urllib.request

KINDS = ["caf", "cpam", "sip", "prefecture", "sous_pref", "france_services", "gendarmerie", "carsat", "msa", "urssaf"]
POSTAL_CODES = pathlib.Path(__file__).resolve().parents[2] / "Sources/GuichetCore/Resources/postal-codes.csv"
QUERIES = ["mairie lyon", "caf 69", "saint denis", "prefecture", "cpam marseille", "33000", "finances publiques toulouse",
           "mairie", "lyno", "gendarmerie nantes", "france services", "saint etienne"]


def generate(path, count):
    """Bodies spread over France as the DILA's are: each in a commune drawn from the
    postal-code file (a commune may get several, most get none)."""
    random.seed(7)
    with open(POSTAL_CODES, encoding="utf-8") as source:
        communes = [(row["postal_code"], row["insee_code"], row["commune_name"]) for row in csv.DictReader(source)
                    if row["commune_type"] == "COM"]
    services = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        postal, insee, city = random.choice(communes)
        services.append({
            "id": "bench-%06d" % n,
            "nom": "%s de %s – antenne %d" % (kind.replace("_", " ").upper(), city, n),
            "pivot": [{"type_service_local": kind, "code_insee_commune": [insee]}],
            "code_insee_commune": insee,
            "adresse": [{"type_adresse": "Adresse", "numero_voie": "%d rue de la République" % (n % 200 + 1), "code_postal": postal,
                         "nom_commune": city}],
            "telephone": [{"valeur": "01 23 45 %02d %02d" % (n % 100, n % 97), "description": ""}],
            "plage_ouverture": [{"nom_jour_debut": "Lundi", "nom_jour_fin": "Vendredi", "valeur_heure_debut_1": "08:30:00",
                                 "valeur_heure_fin_1": "12:00:00", "valeur_heure_debut_2": "13:30:00", "valeur_heure_fin_2": "16:30:00"}],
            "date_modification": "01/06/2026 10:00:00",
        })
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"service": services}, out, ensure_ascii=False)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def time_queries(base, engine, rounds):
    every = []
    for query in QUERIES:
        url = base + "/annuaire?" + urllib.parse.urlencode({"q": query})
        urllib.request.urlopen(url).read()  # warm
        latencies = []
        for _ in range(rounds):
            started = time.perf_counter()
            with urllib.request.urlopen(url) as response:
                response.read()
                assert response.status == 200
            latencies.append((time.perf_counter() - started) * 1000)
        every += latencies
        print("  %-30s p50 %6.1f ms   p95 %6.1f ms" % (query, percentile(latencies, 0.5), percentile(latencies, 0.95)))
    p95 = percentile(every, 0.95)
    verdict = "met" if p95 < 20 else "MISSED"
    print("directory search on %s: p95 %.1f ms over %d requests (goal < 20 ms: %s)" % (engine, p95, len(every), verdict))
    return p95 < 20


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(0 if time_queries(sys.argv[2], sys.argv[3], int(sys.argv[4])) else 1)
