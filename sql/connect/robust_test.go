package connect

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/sailgo/sail/proto/connectpb"
)

// words are the strings random messages use: names of the test catalog's tables and
// columns, functions, operators, targets and junk.
var words = []string{"", "a", "b", "c", "d", "id", "t", "u", "s", "st", "st.x", "t.a", "*", "t.*", "`a`", "`(a|b)`", "`a",
	"sum", "count", "when", "in", "+", "==", "and", "first", "x", "a int", "{}", `{"k":1}`, "int", "struct<a:int>",
	"SELECT 1", "SELECT ?", "SELECT :a AS a", "1.5", "-3", "count", "pearson", "25%", "mean"}

// fill sets a random selection of m's fields, recursing into messages up to depth.
func fill(r *rand.Rand, m protoreflect.Message, depth int) {
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			continue
		}
		if r.IntN(3) != 0 {
			continue
		}
		setField(r, m, fd, depth)
	}
	oneofs := m.Descriptor().Oneofs()
	for i := 0; i < oneofs.Len(); i++ {
		od := oneofs.Get(i)
		if od.IsSynthetic() || r.IntN(5) == 0 {
			continue
		}
		setField(r, m, od.Fields().Get(r.IntN(od.Fields().Len())), depth)
	}
}

func randomScalar(r *rand.Rand, fd protoreflect.FieldDescriptor) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(r.IntN(2) == 0)
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(r.IntN(7) - 2))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(int64(r.IntN(7) - 2))
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(r.IntN(5)))
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(uint64(r.IntN(5)))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(float32(r.IntN(5)) / 2)
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(float64(r.IntN(5)) / 4)
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(words[r.IntN(len(words))])
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes([]byte{byte(r.IntN(256))})
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		return protoreflect.ValueOfEnum(vals.Get(r.IntN(vals.Len())).Number())
	}
	return protoreflect.Value{}
}

func setField(r *rand.Rand, m protoreflect.Message, fd protoreflect.FieldDescriptor, depth int) {
	isMsg := fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind
	switch {
	case fd.IsMap():
		mp := m.Mutable(fd).Map()
		for range r.IntN(3) {
			k := randomScalar(r, fd.MapKey()).MapKey()
			if fd.MapValue().Kind() == protoreflect.MessageKind {
				if depth <= 0 {
					return
				}
				v := mp.NewValue()
				fill(r, v.Message(), depth-1)
				mp.Set(k, v)
			} else {
				mp.Set(k, randomScalar(r, fd.MapValue()))
			}
		}
	case fd.IsList():
		list := m.Mutable(fd).List()
		for range r.IntN(4) {
			if isMsg {
				if depth <= 0 {
					return
				}
				v := list.NewElement()
				fill(r, v.Message(), depth-1)
				list.Append(v)
			} else {
				list.Append(randomScalar(r, fd))
			}
		}
	case isMsg:
		if depth <= 0 {
			return
		}
		v := m.NewField(fd)
		fill(r, v.Message(), depth-1)
		m.Set(fd, v)
	default:
		m.Set(fd, randomScalar(r, fd))
	}
}

// TestRandomRelationsNeverPanic lowers random (mostly malformed) relations: each must
// lower or fail with an error, never panic.
func TestRandomRelationsNeverPanic(t *testing.T) {
	l, _ := testLowering(t)
	n := 3000
	if testing.Short() {
		n = 300
	}
	for seed := range n {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		rel := &connectpb.Relation{}
		fill(r, rel.ProtoReflect(), 6)
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("seed %d: panic %v lowering\n%s", seed, p, prototext.Format(rel))
				}
			}()
			_, _ = l.Relation(rel)
		}()
	}
}

// TestTypedNilMessages lowers relations and expressions whose oneof holds a nil message.
func TestTypedNilMessages(t *testing.T) {
	l, _ := testLowering(t)
	rels := []*connectpb.Relation{
		{RelType: &connectpb.Relation_Filter{}}, {RelType: &connectpb.Relation_LocalRelation{}}, {RelType: &connectpb.Relation_Range{}},
		{RelType: &connectpb.Relation_Sample{}}, {RelType: &connectpb.Relation_Read{Read: &connectpb.Read{ReadType: &connectpb.Read_DataSource_{}}}},
		projectRel(nil, &connectpb.Expression{ExprType: &connectpb.Expression_Alias_{}}),
		projectRel(nil, litExpr(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Decimal_{}})),
		projectRel(nil, &connectpb.Expression{ExprType: &connectpb.Expression_Cast_{Cast: &connectpb.Expression_Cast{Expr: lit(1),
			CastToType: &connectpb.Expression_Cast_Type{Type: &connectpb.DataType{Kind: &connectpb.DataType_Decimal_{}}}}}}),
	}
	for i, rel := range rels {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%d: panic %v", i, p)
				}
			}()
			if _, err := l.Relation(rel); errorClass(err) != "INVALID_PLAN_INPUT" {
				t.Errorf("%d (%s): %v", i, fmt.Sprint(rel), err)
			}
		}()
	}
}
