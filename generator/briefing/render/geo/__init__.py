"""World geometry for the coverage map: vendored Natural Earth countries and a projection."""
