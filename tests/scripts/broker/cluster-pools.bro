# Cluster pools: round-robin and rendezvous choice of a live node, and
# Cluster::publish_rr/publish_hrw, which send nothing (F) while no node
# of the pool is alive.

global ping: event(n: count);
event bro_init()
	{
	local pool = Cluster::register_pool(Cluster::PoolSpec($topic = "bro/pool/test"));
	# No nodes yet.
	print Cluster::publish_rr(pool, "k", ping, 1);
	# A node joins once; none is alive until marked so.
	print Cluster::init_pool_node(pool, "a"), Cluster::init_pool_node(pool, "b"), Cluster::init_pool_node(pool, "c"), Cluster::init_pool_node(pool, "a");
	print Cluster::rr_topic(pool, "k");
	Cluster::mark_pool_node_alive(pool, "a");
	Cluster::mark_pool_node_alive(pool, "c");
	print Cluster::rr_topic(pool, "k"), Cluster::rr_topic(pool, "k"), Cluster::rr_topic(pool, "k"), Cluster::rr_topic(pool, "other");
	print Cluster::hrw_topic(pool, "key1"), Cluster::hrw_topic(pool, "key1"), Cluster::hrw_topic(pool, 42);
	print Cluster::publish_rr(pool, "k", ping, 1), Cluster::publish_hrw(pool, "key1", ping, 2);
	print Cluster::publish_hrw(pool, "key1", Broker::make_event(ping, 3));
	# A pool no node ever joined.
	print Cluster::publish_hrw(Cluster::Pool(), "key1", ping, 5);
	Cluster::mark_pool_node_dead(pool, "a");
	Cluster::mark_pool_node_dead(pool, "c");
	print Cluster::hrw_topic(pool, "key1"), Cluster::publish_hrw(pool, "key1", ping, 4);
	}
