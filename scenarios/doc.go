// Package scenarios owns the scenario file format: the YAML schema
// ([Scenario] and the types it holds), its defaults, strict decoding that
// keeps every value's position, the checks that report every problem at
// once as "file:line:col: field.path: message" ([ErrorList]), and
// [Scenario.Compile], which resolves names to indices and produces a
// [model.Network].
//
// A scenario may declare named variants ([Variant]): overrides of its
// parameters by field path, such as sites[store].stock[widget].policy.reorder_point.
// [Scenario.With] applies overrides to the YAML a scenario was parsed from
// and checks the result again; [Scenario.Variant] applies a variant's;
// [ParseOverride] reads the command line's PATH=V1,V2,... form.
//
// It also embeds the bundled scenarios (the *.yaml files beside this
// package) so that the binary can run them by name; see [Bundled] and [Open].
//
// The pipeline is one-directional, one pass from the decoded scenario to
// the network, checking and building together as go/types does:
//
//	DefaultScenario → decode the yaml.Node tree over it → Compile → model.Network
//
// Compile runs the checks in the order of the file (run settings, items,
// suppliers, sites with their lanes, policies and demand, then the
// network as a whole); once every name and source has resolved, the last
// check assembles the network and builds each site-item's policy, the
// derived ones from the network's demand, so that what cannot be built
// (an eoq without an order cost, levels beyond the limits) is reported
// with the other errors, at its field. [Scenario.Validate] is the same
// pass without the network, and [Scenario.Build] another name for
// Compile. [Scenario.CompileUnchanged] hands out, once, the network the
// checks of the parse built, for a scenario changed since only in its
// seed or replications (the CLI's run and validate). Once the network is
// compiled, [Scenario.Compact] keeps only
// what output reports of the scenario (name, source, description, seed,
// replications, fingerprint), so that a long run does not hold the
// decoded file.
//
// The files, by concern:
//
//	decode.go, strict.go, indent.go   YAML to Scenario, with positions
//	positions.go                      where each decoded value was written: a
//	                                  tree following the field paths
//	validate.go                       the pass, its error helpers, run settings
//	validate_network.go               names, sites, lanes, backups, sources as a graph
//	validate_supply.go                disruptions and expediting
//	validate_policy.go                the checks shared by policy types
//	validate_demand.go                demand streams, customers, profiles, volume
//	validate_dist.go                  distributions, durations, quantities
//	policy.go                         policyKinds: each policy type's parameters,
//	                                  check, constructor and schema, one entry each
//	build.go                          Compile: assembling the network, policies
//	variants.go                       With, Variant, and which override caused an error
//	path.go, override.go              field paths and --set; editing the YAML
//	history.go, readfile*.go          demand history files, read safely
//	schema.go                         the JSON Schema, from the same tables
//
// The package knows nothing of the event loop: running a network is package
// model's business, and reporting results is package output's. The format
// itself is documented for users in docs/scenario-format.md.
package scenarios
