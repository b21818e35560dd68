# anonymize_addr keeps addresses unless a method is chosen for their
# class; sequential numbering counts from 0.0.0.1 and maps an address the
# same way each time; preserved addresses stay; IPv6 is not supported.

const orig_addr_anonymization = SEQUENTIALLY_NUMBERED;
const resp_addr_anonymization = PREFIX_PRESERVING_MD5;
const preserve_orig_addr: set[addr] = { 10.0.0.9 };

event bro_init()
	{
	print anonymize_addr(192.168.1.1, OTHER_ADDR);
	print anonymize_addr(192.168.1.1, ORIG_ADDR), anonymize_addr(192.168.1.2, ORIG_ADDR);
	print anonymize_addr(192.168.1.1, ORIG_ADDR), anonymize_addr(10.0.0.9, ORIG_ADDR);
	preserve_prefix(172.16.0.0, 16);
	preserve_subnet(10.1.0.0/16);
	local a = anonymize_addr(172.16.5.6, RESP_ADDR);
	local b = anonymize_addr(10.1.2.3, RESP_ADDR);
	print a in 172.16.0.0/16, b in 10.1.0.0/16, a == anonymize_addr(172.16.5.6, RESP_ADDR);
	local c = anonymize_addr(8.8.8.8, RESP_ADDR);
	local d = anonymize_addr(8.8.4.4, RESP_ADDR);
	print mask_addr(c, 16) == mask_addr(d, 16);
	print anonymize_addr([2001:db8::1], ORIG_ADDR);
	preserve_prefix([2001:db8::], 32);
	print "after";
	}
