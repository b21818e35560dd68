# Constructors called by a type's name convert each element to the
# type's element type; Bro names the type and the element, then the
# constructor, in that order. Built-in types are named by themselves.
type Ports: set[port];
type Counts: vector of count;
type ByPort: table[port] of string;

global a = Ports(80/tcp, 22);
global b = Counts(1, "two");
global c = ByPort([53/udp] = "dns", ["http"] = "web");
global d = Ports(443/tcp);

print |d|;
