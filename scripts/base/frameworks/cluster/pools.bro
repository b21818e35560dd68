##! Pools of cluster nodes, as far as Broker's ``Cluster::publish_rr``
##! and ``Cluster::publish_hrw`` need them: a pool's nodes, which are
##! alive, a round-robin position per key, and rendezvous (highest
##! random weight) hashing over the live nodes. This interpreter has no
##! cluster framework; scripts build pools with :bro:see:`Cluster::register_pool`
##! and :bro:see:`Cluster::init_pool_node` and mark nodes alive themselves.
##!
##! The rendezvous weights here are MD5 digests of site and key, so a key
##! maps to a node as stably as in Bro, though not necessarily to the
##! node Bro would pick.

module HashHRW;

export {
	## A place keys can go.
	type Site: record {
		## Its number, unique in the pool.
		id: count;
		## What the pool's user keeps with it.
		user_data: any &optional;
	};

	## Sites by number.
	type SiteTable: table[count] of Site;

	## The sites keys are spread over.
	type Pool: record {
		sites: SiteTable &default = table();
	};

	## Adds a site; F when its number is taken.
	global add_site: function(pool: Pool, site: Site): bool;

	## Removes a site; F when it is not there.
	global rem_site: function(pool: Pool, site: Site): bool;

	## The site with the highest weight for *key*.
	global get_site: function(pool: Pool, key: any): Site;
}

function add_site(pool: Pool, site: Site): bool
	{
	if ( site$id in pool$sites )
		return F;

	pool$sites[site$id] = site;
	return T;
	}

function rem_site(pool: Pool, site: Site): bool
	{
	if ( site$id !in pool$sites )
		return F;

	delete pool$sites[site$id];
	return T;
	}

function get_site(pool: Pool, key: any): Site
	{
	local best = 0;
	local best_weight = "";

	for ( id in pool$sites )
		{
		local w = md5_hash(id, "|", key);

		if ( best_weight == "" || w > best_weight || (w == best_weight && id > best) )
			{
			best = id;
			best_weight = w;
			}
		}

	return pool$sites[best];
	}

module Cluster;

export {
	## The name of this node in a cluster (``CLUSTER_NODE``).
	const node = getenv("CLUSTER_NODE") &redef;

	## Topics that reach one node are this followed by the node's name.
	const node_topic_prefix = "bro/cluster/node/" &redef;

	## A node as a pool holds it.
	type PoolNode: record {
		## The node's name.
		name: string;
		## The name with a suffix, from which *site_id* comes.
		alias: string;
		## The node's number in the pool's hashing.
		site_id: count;
		## Whether the node can take work now.
		alive: bool &default = F;
	};

	## What a pool is for.
	type PoolSpec: record {
		## A topic that reaches every node of the pool.
		topic: string &default = "";
		## The most nodes the pool takes.
		max_nodes: count &optional;
		## Whether its nodes belong to no other pool.
		exclusive: bool &default = F;
	};

	type PoolNodeTable: table[string] of PoolNode;
	type RoundRobinTable: table[string] of int;

	## Nodes to spread work or data over.
	type Pool: record {
		## What it was registered with.
		spec: PoolSpec &default = PoolSpec();
		## Its nodes by name.
		nodes: PoolNodeTable &default = table();
		## Its nodes in the order they joined.
		node_list: vector of PoolNode &default = vector();
		## The live nodes' rendezvous hashing.
		hrw_pool: HashHRW::Pool &default = HashHRW::Pool();
		## Per round-robin key, the index in *node_list* to try next.
		rr_key_seq: RoundRobinTable &default = table();
		## How many nodes are alive.
		alive_count: count &default = 0;
	};

	## Makes a pool.
	global register_pool: function(spec: PoolSpec): Pool;

	## Adds the node *name* (alive when it is this node); F when it is there already.
	global init_pool_node: function(pool: Pool, name: string): bool;

	## Marks a node alive; F when it is not in the pool.
	global mark_pool_node_alive: function(pool: Pool, name: string): bool;

	## Marks a node dead; F when it is not in the pool.
	global mark_pool_node_dead: function(pool: Pool, name: string): bool;

	## The topic of the live node *key* hashes to; empty when none is alive.
	global hrw_topic: function(pool: Pool, key: any): string;

	## The topic of the next live node in turn for *key*; empty when none is alive.
	global rr_topic: function(pool: Pool, key: string &default = ""): string;
}

global registered_pools: vector of Pool = vector();

function register_pool(spec: PoolSpec): Pool
	{
	local rval = Pool($spec = spec);
	registered_pools += rval;
	return rval;
	}

function site_taken(pool: Pool, site_id: count): bool
	{
	for ( name in pool$nodes )
		if ( pool$nodes[name]$site_id == site_id )
			return T;

	return F;
	}

function init_pool_node(pool: Pool, name: string): bool
	{
	if ( name in pool$nodes )
		return F;

	local c = 0;

	while ( T )
		{
		local alias = fmt("%s.%s", name, c);
		# The first eight hex digits of the digest: a 32-bit number.
		local site_id = bytestring_to_count(hexstr_to_bytestring(sub_bytes(md5_hash(alias), 1, 8)));

		if ( ! site_taken(pool, site_id) )
			{
			local pn = PoolNode($name = name, $alias = alias, $site_id = site_id,
			                    $alive = Cluster::node == name);
			pool$nodes[name] = pn;
			pool$node_list += pn;

			if ( pn$alive )
				{
				++pool$alive_count;
				HashHRW::add_site(pool$hrw_pool, HashHRW::Site($id = pn$site_id, $user_data = pn));
				}

			return T;
			}

		++c;
		}

	return F;
	}

function mark_pool_node_alive(pool: Pool, name: string): bool
	{
	if ( name !in pool$nodes )
		return F;

	local pn = pool$nodes[name];

	if ( ! pn$alive )
		{
		pn$alive = T;
		++pool$alive_count;
		}

	HashHRW::add_site(pool$hrw_pool, HashHRW::Site($id = pn$site_id, $user_data = pn));
	return T;
	}

function mark_pool_node_dead(pool: Pool, name: string): bool
	{
	if ( name !in pool$nodes )
		return F;

	local pn = pool$nodes[name];

	if ( pn$alive )
		{
		pn$alive = F;
		--pool$alive_count;
		}

	HashHRW::rem_site(pool$hrw_pool, HashHRW::Site($id = pn$site_id, $user_data = pn));
	return T;
	}

function hrw_topic(pool: Pool, key: any): string
	{
	if ( |pool$hrw_pool$sites| == 0 )
		return "";

	local site = HashHRW::get_site(pool$hrw_pool, key);
	local pn = site$user_data as PoolNode;
	return node_topic_prefix + pn$name;
	}

function rr_topic(pool: Pool, key: string &default = ""): string
	{
	if ( key !in pool$rr_key_seq )
		pool$rr_key_seq[key] = 0;

	local next_idx = pool$rr_key_seq[key];
	local start = next_idx;
	local rval = "";

	if ( next_idx >= |pool$node_list| )
		return rval;

	while ( T )
		{
		local pn = pool$node_list[next_idx];
		++next_idx;

		if ( next_idx == |pool$node_list| )
			next_idx = 0;

		if ( pn$alive )
			{
			rval = node_topic_prefix + pn$name;
			break;
			}

		if ( next_idx == start )
			break;
		}

	pool$rr_key_seq[key] = next_idx;
	return rval;
	}
