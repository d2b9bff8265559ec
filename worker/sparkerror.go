package worker

import (
	"maps"
	"strings"
	"unicode/utf8"

	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/sql/sparkerror"
)

// EncodeError is the Spark error in err's chain as it travels to the driver and on to the
// session that submitted the job; nil when err carries none.
func EncodeError(err error) *controlpb.SparkError {
	e, ok := sparkerror.As(err)
	if !ok {
		return nil
	}
	// Protobuf strings must be UTF-8; messages and parameters may quote a user's bytes.
	params := make(map[string]string, len(e.Params))
	for k, v := range e.Params {
		params[validUTF8(k)] = validUTF8(v)
	}
	m := &controlpb.SparkError{
		Kind: int32(e.Kind), ErrorClass: validUTF8(e.Class), SqlState: validUTF8(e.SQLState), Params: params,
		Message: validUTF8(e.Message), JavaClasses: e.JavaClasses,
	}
	if c := e.Context; c != nil {
		m.Context = &controlpb.ErrorContext{Start: int32(c.Start), Stop: int32(c.Stop), Fragment: validUTF8(c.Fragment)}
	}
	return m
}

// validUTF8 replaces the invalid byte sequences of s by U+FFFD, as Spark's JVM strings
// would show them.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// DecodeError rebuilds the Spark error EncodeError encoded.
func DecodeError(m *controlpb.SparkError) *sparkerror.Error {
	if m == nil {
		return nil
	}
	e := &sparkerror.Error{
		Kind: sparkerror.Kind(m.GetKind()), Class: m.GetErrorClass(), SQLState: m.GetSqlState(),
		Params: maps.Clone(m.GetParams()), Message: m.GetMessage(), JavaClasses: m.GetJavaClasses(),
	}
	if c := m.GetContext(); c != nil {
		e.Context = &sparkerror.Context{Start: int(c.GetStart()), Stop: int(c.GetStop()), Fragment: c.GetFragment()}
	}
	return e
}
