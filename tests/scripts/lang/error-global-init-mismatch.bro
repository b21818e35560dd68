# Bro builds a global's value from its initialiser as it reads it: an
# element that does not fit the declared type is reported against the
# type, then against the constructor (or, for tables, the index type's
# declaration).
type ByPort: table[port] of count;

global s: set[port] = set(3);
global v: vector of count = vector("x");
global t: ByPort = table(["y"] = 1);
