package plan

// UpdateFields is Column.withField(name, value) (Value set) or Column.dropFields(name)
// (Value nil) on a struct: Path names the field to set or drop, through nested structs.
// The analyzer rewrites it into named_struct calls.
type UpdateFields struct {
	Struct Expr
	Path   []string
	Value  Expr
}

func (e *UpdateFields) String() string {
	if e.Value == nil {
		return "update_fields(" + e.Struct.String() + ")"
	}
	return "update_fields(" + e.Struct.String() + ", " + e.Value.String() + ")"
}

func (e *UpdateFields) Children() []Expr {
	if e.Value == nil {
		return []Expr{e.Struct}
	}
	return []Expr{e.Struct, e.Value}
}

func (e *UpdateFields) WithChildren(ch []Expr) Expr {
	n := *e
	n.Struct = ch[0]
	if len(ch) > 1 {
		n.Value = ch[1]
	}
	return &n
}
