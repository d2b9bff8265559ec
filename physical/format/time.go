package format

// AppendTime appends a TIME value (nanoseconds since midnight) as Spark renders it:
// HH:mm:ss, then the fraction of the second without trailing zeros.
func AppendTime(dst []byte, nanos int64) []byte {
	const nanosPerSecond = 1_000_000_000
	sec := nanos / nanosPerSecond
	frac := nanos - sec*nanosPerSecond
	h, m, s := sec/3600, sec/60%60, sec%60
	dst = append(dst, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	if frac == 0 {
		return dst
	}
	var digits [9]byte
	for i := 8; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := 9
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	dst = append(dst, '.')
	return append(dst, digits[:n]...)
}

// timeNanos converts a time64 value of the given unit to nanoseconds.
func timeNanos(v int64, nanosPerUnit int64) int64 { return v * nanosPerUnit }
