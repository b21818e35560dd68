# A table may expire entries by one rule only; constants in the message
# appear as Bro describes them (intervals as "1.0 sec", "2.0 mins 30.0 secs").
global seen: table[addr] of count &create_expire=1secs &read_expire=150secs;
global ok: set[string] &write_expire=0.5secs;

print |ok|;
