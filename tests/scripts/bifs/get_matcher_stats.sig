signature sig_one {
  ip-proto == tcp
  payload /abc/
  event "one"
}

signature sig_two {
  ip-proto == tcp
  payload /x{2}y/
  http-request /GET/
}

signature sig_three {
  payload /zzz/
}
