"""Checks geokg's exports with the tools analysts use: the GraphML against the GraphML 1.0
XSD (lxml), and that networkx reads the GraphML and the node-link JSON with numbers as
numbers, and the GEXF against the GEXF 1.3 XSD. Usage:
check_exports.py GRAPHML JSON GRAPHML_XSD GEXF GEXF_XSD. Exits 1 with a message on any failure."""
import json
import sys

import networkx as nx
from lxml import etree


def fail(msg):
    print(f"check_exports: {msg}", file=sys.stderr)
    sys.exit(1)


graphml, graph_json, xsd_path, gexf, gexf_xsd = sys.argv[1:6]
gexf_schema = etree.XMLSchema(etree.parse(gexf_xsd))
if not gexf_schema.validate(etree.parse(gexf)):
    fail(f"{gexf} is not valid GEXF 1.3: {gexf_schema.error_log}")
schema = etree.XMLSchema(etree.parse(xsd_path))
doc = etree.parse(graphml)
if not schema.validate(doc):
    fail(f"{graphml} is not valid GraphML: {schema.error_log}")

g = nx.read_graphml(graphml)
if not g.is_directed() or not g.is_multigraph():
    fail(f"networkx read {type(g).__name__}, expected a MultiDiGraph")
relations = [d for _, _, d in g.edges(data=True) if d.get("edge") == "relation"]
if not relations:
    fail("no relation edges in the GraphML")
for d in relations:
    for key, ty in [("mentions", int), ("documents", int), ("confidence", float), ("hedged_share", float), ("directed", bool), ("evidence_omitted", int)]:
        if not isinstance(d.get(key), ty):
            fail(f"edge attribute {key} is {type(d.get(key)).__name__}, expected {ty.__name__}")
    evidence = json.loads(d["evidence"])
    if not evidence or "sentence" not in evidence[0]:
        fail("an edge's evidence is not a JSON list of sentences")
for _, d in g.nodes(data=True):
    if not isinstance(d.get("mentions"), int):
        fail("node attribute mentions is not an int")

data = json.load(open(graph_json, encoding="utf-8"))
h = nx.node_link_graph(data, edges="links")
if h.number_of_nodes() != g.number_of_nodes() or h.number_of_edges() != g.number_of_edges():
    fail(f"JSON and GraphML disagree: {h.number_of_nodes()}/{h.number_of_edges()} vs {g.number_of_nodes()}/{g.number_of_edges()}")
print(f"check_exports: ok ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
