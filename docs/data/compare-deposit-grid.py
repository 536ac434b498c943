#!/usr/bin/env python3
"""Compares a `criticalminerals deposit-grid --format csv --countries C.csv` run with the published Figure 5 of Busch et al.
(2025): unmet demand (Results/Data_Fig5_slack.csv) and cumulative extraction by country (Results/Data_Fig5.rar, extracted to
Data_Fig5.csv; deposit names mapped to countries with busch2025/Deposit.csv). Prints the Markdown tables of docs/deposits.md.
Usage: compare-deposit-grid.py GRID.csv COUNTRIES.csv Data_Fig5_slack.csv Data_Fig5.csv Deposit.csv  (COUNTRIES.csv "-": unmet demand only)"""
import csv, sys, collections

grid_csv, countries_csv, slack_csv, fig5_csv, deposit_csv = sys.argv[1:6]
ISO3 = {'Afghanistan': 'AFG', 'Argentina': 'ARG', 'Australia': 'AUS', 'Austria': 'AUT', 'Bolivia': 'BOL', 'Brazil': 'BRA',
        'Canada': 'CAN', 'Chile': 'CHL', 'China': 'CHN', 'Czech Republic': 'CZE', 'DR Congo': 'COD', 'Ethiopia': 'ETH',
        'Finland': 'FIN', 'France': 'FRA', 'Germany': 'DEU', 'Ghana': 'GHA', 'Mali': 'MLI', 'Mexico': 'MEX', 'Namibia': 'NAM',
        'Peru': 'PER', 'Portugal': 'PRT', 'Russia': 'RUS', 'Serbia': 'SRB', 'Spain': 'ESP', 'Tanzania': 'TZA',
        'United Kingdom': 'GBR', 'United States': 'USA', 'Zimbabwe': 'ZWE'}
country_of = {r['Deposit_Name']: ISO3[r['Country']] for r in csv.DictReader(open(deposit_csv))}

mine = collections.defaultdict(dict)   # (variant, scenario) -> year -> unmet
meta = {}
for r in csv.DictReader(open(grid_csv)):
    key = (r['supply_variant'], r['scenario'])
    mine[key][int(r['year'])] = float(r['unmet_kt'])
    mip = float(r['mip_s']) if r.get('mip_s') else float('nan')
    meta[key] = (r['status'], r['relative_gap'], float(r['elapsed_s']), r['discounted_cost_musd'], mip)
pub = collections.defaultdict(dict)
for r in csv.DictReader(open(slack_csv)):
    pub[(r['Scen_Deposit'], r['Scenario'])][int(r['t'])] = float(r['value'])

mine_c = collections.defaultdict(lambda: collections.defaultdict(float))
for r in (csv.DictReader(open(countries_csv)) if countries_csv != '-' else []):
    mine_c[(r['supply_variant'], r['scenario'])][r['iso3']] += float(r.get('extraction_kt') or r['extraction_kt_2022_2070'])
pub_c = collections.defaultdict(lambda: collections.defaultdict(float))
for r in (csv.DictReader(open(fig5_csv)) if countries_csv != '-' else []):
    t = sum(float(r[k]) for k in ('tons_extracted1', 'tons_extracted2', 'tons_extracted3'))
    if t:
        pub_c[(r['Scen_Deposit'], r['Scenario'])][country_of[r['Deposit_Name']]] += t

def distance(a, b):
    """Half the sum over countries of |a - b| over the larger total: the share of extraction that would move."""
    keys = set(a) | set(b)
    total = max(sum(a.values()), sum(b.values()), 1e-9)
    return sum(abs(a.get(k, 0) - b.get(k, 0)) for k in keys) / 2 / total

short = lambda s: s.replace('Ambitious-', '')
mipnote = lambda v: f' ({v:.0f})' if v == v and v > 0 else ''
print('| supply variant | demand scenario | unmet 2050 lib / pub | unmet 2070 lib / pub | first unmet year lib / pub | extraction 2022–2070 kt lib / pub | country distance | s (MIP s) |')
print('|---|---|---|---|---|---|---:|---:|')
dist = []
for key in sorted(mine):
    m, p = mine[key], pub.get(key, {})
    first = lambda d: next((y for y in sorted(d) if d[y] > 0.05), '—')
    dd = distance(mine_c[key], pub_c[key]) if key in pub_c and key in mine_c else float('nan')
    dist.append(dd)
    print(f"| {key[0]} | {short(key[1])} | {m[2050]:.1f} / {p.get(2050, float('nan')):.1f} | {m[2070]:.1f} / {p.get(2070, float('nan')):.1f} | "
          f"{first(m)} / {first(p)} | {sum(mine_c[key].values()):,.0f} / {sum(pub_c[key].values()):,.0f} | {dd:.1%} | {meta[key][2]:.0f}{mipnote(meta[key][4])} |")
print()
dist = [d for d in dist if d == d] or [float('nan')]
excess = [(k, y, mine[k][y] - pub[k][y]) for k in mine for y in mine[k] if k in pub and mine[k][y] > pub[k][y] * 1.005 + 0.05]
print(f"cell-years where library unmet > published + 0.5 % (a law for cost-stage runs only): {len(excess)}" + (f"; largest {max(excess, key=lambda e: e[2])}" if excess else ""))
diff70 = sorted(abs(mine[k][2070] - pub[k][2070]) for k in mine if k in pub)
close70 = sum(1 for k in mine if k in pub and abs(mine[k][2070] - pub[k][2070]) <= max(1, 0.05 * pub[k][2070]))
print(f"unmet 2070 within 5 % or 1 kt of published: {close70} of {len(diff70)}; |difference| median {diff70[len(diff70)//2]:.1f} kt, max {diff70[-1]:.1f} kt")
mips = [v[4] for v in meta.values() if v[4] == v[4] and v[4] > 0]
print(f"runs with a MIP backend: {len(mips)}, {sum(mips):.0f} s of MIP")
print(f"runs {len(mine)}; country distance median {sorted(dist)[len(dist)//2]:.1%}, max {max(dist):.1%}; "
      f"run seconds total {sum(v[2] for v in meta.values()):.0f}, max {max(v[2] for v in meta.values()):.0f}")
