# @files
# Every type a column can have, in ASCII: sets in Bro's order, empty
# containers, unset optional fields, nested records unrolled, escaped
# separators and unprintable bytes, and values that look like markers.

module Types;

export {
	redef enum Log::ID += { LOG };

	type Color: enum { RED, GREEN };

	type Inner: record {
		a: count &log;
		b: string &log &optional;
	};

	type Info: record {
		b: bool;
		i: int;
		c: count;
		d: double;
		t: time;
		iv: interval;
		s: string;
		p: port;
		a4: addr;
		a6: addr;
		sn: subnet;
		e: Color;
		sc: set[count];
		ss: set[string];
		vs: vector of string;
		ve: vector of count;
		f: file;
		inner: Inner;
		maybe: Inner &optional;
		opt: string &optional;
	} &log;
}

event bro_init()
	{
	Log::create_stream(Types::LOG, [$columns=Info]);
	local empty: vector of count;
	local no_counts: set[count];
	local no_strings: vector of string;
	Log::write(Types::LOG, [$b=T, $i=-3, $c=18446744073709551615, $d=0.1,
	                        $t=double_to_time(1234567890.000001), $iv=90 secs,
	                        $s="tab\there, back\\slash, high\xff", $p=8080/udp,
	                        $a4=10.1.2.3, $a6=[2001:db8::1], $sn=192.168.7.9/16, $e=GREEN,
	                        $sc=set(5, 1, 9), $ss=set("x,y", "z"), $vs=vector("-", "", "(empty)"),
	                        $ve=empty, $f=open("unused.txt"), $inner=[$a=1, $b="in"]]);
	Log::write(Types::LOG, [$b=F, $i=-0, $c=0, $d=-2.5e20, $t=double_to_time(0.0), $iv=-1 msec,
	                        $s="-", $p=0/icmp, $a4=0.0.0.0, $a6=[::], $sn=[::]/0, $e=RED,
	                        $sc=no_counts, $ss=set(""), $vs=no_strings, $ve=vector(1, 2), $f=open("unused.txt"),
	                        $inner=[$a=2], $maybe=[$a=3, $b="#not-a-comment"], $opt="(empty)"]);
	}
