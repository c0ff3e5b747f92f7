"""Reports of the same real-world event across articles, grouped into clusters.

`reports` reads an extraction's events as reports, `match` says whether two reports can be
the same happening, `assign` puts each new report in its cluster, `merge` gives a cluster's
merged view; the store keeps the membership (`tacitus.store.clusters`).
"""
