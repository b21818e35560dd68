# Builtins of Bro's traffic analysis that need file analysis: each is
# declared with Bro 2.6.4's signature, so this script loads and checks,
# and each call reports that it is not available (the statement is
# skipped and the script goes on).

global cid: conn_id = [$orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp];
global ep: endpoint = [$size=0, $state=0, $flow_label=0];
global c: connection = [$id=cid, $orig=ep, $resp=ep, $start_time=double_to_time(0.0), $duration=0sec, $service=set(), $history="", $uid="C1"];
global certs: x509_opaque_vector = vector();
global roots: table_string_of_string = table();
global desc: Input::AnalysisDescription = [$source="x", $name="x"];

# Only file analysis makes an `opaque of x509`, so these calls are
# checked against the signatures but cannot run here.
function with_certificate(cert: opaque of x509)
	{
	print x509_parse(cert);
	print x509_get_certificate_string(cert);
	print sct_verify(cert, "x", "x", "x", 1, 1);
	print x509_subject_name_hash(cert, 1);
	print x509_issuer_name_hash(cert, 1);
	print x509_spki_hash(cert, 1);
	}

event bro_init()
	{
	print Files::__set_timeout_interval("x", 1sec);
	print Files::__enable_reassembly("x");
	print Files::__disable_reassembly("x");
	print Files::__set_reassembly_buffer("x", 1);
	print Files::__add_analyzer("x", Files::ANALYZER_NONE, "x");
	print Files::__remove_analyzer("x", Files::ANALYZER_NONE, "x");
	print Files::__stop("x");
	print Files::__analyzer_name(Files::ANALYZER_NONE);
	print Files::__file_exists("x");
	print Files::__lookup_file("x");
	print set_file_handle("x");
	print Input::__create_analysis_stream(desc);
	print FileExtract::__set_limit("x", "x", 1);

	print x509_ocsp_verify(certs, "x", roots);
	print x509_verify(certs, roots);
	print "done";
	}
