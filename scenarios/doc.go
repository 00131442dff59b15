// Package scenarios owns the scenario file format: the YAML schema
// ([Scenario] and the types it holds), its defaults, strict decoding that
// keeps every value's position, validation that reports every problem at
// once as "file:line:col: field.path: message" ([ErrorList]), and [Scenario.Build],
// which resolves names to indices and produces a [model.Network].
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
// The pipeline is one-directional:
//
//	DefaultScenario → decode the yaml.Node tree over it → Validate → Build
//
// The package knows nothing of the event loop: running a network is package
// model's business, and reporting results is package output's. The format
// itself is documented for users in docs/scenario-format.md.
package scenarios
