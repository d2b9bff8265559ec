package expr

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// aes_encrypt(input, key, mode, padding, iv, aad), aes_decrypt(input, key, mode, padding,
// aad) and try_aes_decrypt: Spark's ExpressionImplUtils.aesInternal over Java's ciphers
// AES/ECB/PKCS5Padding, AES/CBC/PKCS5Padding (16-byte IV) and AES/GCM/NoPadding (12-byte
// IV, 128-bit tag). Encryption prepends the IV (random when none is given) to the output;
// decryption reads it back from there.

const aesFuncName = "`aes_encrypt`/`aes_decrypt`"

type aesMode int

const (
	aesECB aesMode = iota
	aesCBC
	aesGCM
)

func aesModeOf(mode, padding []byte) (aesMode, error) {
	none := bytes.EqualFold(padding, []byte("NONE"))
	pkcs := bytes.EqualFold(padding, []byte("PKCS"))
	def := bytes.EqualFold(padding, []byte("DEFAULT"))
	switch {
	case bytes.EqualFold(mode, []byte("ECB")) && (pkcs || def):
		return aesECB, nil
	case bytes.EqualFold(mode, []byte("CBC")) && (pkcs || def):
		return aesCBC, nil
	case bytes.EqualFold(mode, []byte("GCM")) && (none || def):
		return aesGCM, nil
	}
	return 0, sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_FEATURE.AES_MODE", "0A000",
		"The feature is not supported: AES-<mode> with the padding <padding> by the <functionName> function.",
		map[string]string{"mode": string(mode), "padding": string(padding), "functionName": aesFuncName})
}

func aesCryptoError(msg string) error {
	return sparkerror.New(sparkerror.Runtime, "INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR", "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: detail message: <detailMessage>",
		map[string]string{"parameter": "`expr`, `key`", "functionName": aesFuncName, "detailMessage": msg})
}

func aesBlock(key []byte) (cipher.Block, error) {
	switch len(key) {
	case 16, 24, 32:
		return aes.NewCipher(key)
	}
	return nil, sparkerror.New(sparkerror.Runtime, "INVALID_PARAMETER_VALUE.AES_KEY_LENGTH", "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: expects a binary value with 16, 24 or 32 bytes, but got <actualLength> bytes.",
		map[string]string{"parameter": "`key`", "functionName": aesFuncName, "actualLength": strconv.Itoa(len(key))})
}

func pkcs5Pad(dst, b []byte) []byte {
	p := aes.BlockSize - len(b)%aes.BlockSize
	dst = append(dst, b...)
	for k := 0; k < p; k++ {
		dst = append(dst, byte(p))
	}
	return dst
}

const badPadding = "Given final block not properly padded. Such issues can arise if a bad key is used during decryption."

func pkcs5Unpad(b []byte) ([]byte, error) {
	if len(b) == 0 || len(b)%aes.BlockSize != 0 {
		return nil, aesCryptoError(badPadding)
	}
	p := int(b[len(b)-1])
	if p == 0 || p > aes.BlockSize {
		return nil, aesCryptoError(badPadding)
	}
	for _, c := range b[len(b)-p:] {
		if int(c) != p {
			return nil, aesCryptoError(badPadding)
		}
	}
	return b[:len(b)-p], nil
}

// aesEncrypt appends the encryption of input to dst.
func aesEncrypt(dst, input, key, mode, padding, iv, aad []byte) ([]byte, error) {
	blk, err := aesBlock(key)
	if err != nil {
		return nil, err
	}
	m, err := aesModeOf(mode, padding)
	if err != nil {
		return nil, err
	}
	ivLen := 0
	switch m {
	case aesCBC:
		ivLen = 16
	case aesGCM:
		ivLen = 12
	}
	if len(iv) == 0 {
		iv = make([]byte, ivLen)
		_, _ = rand.Read(iv)
	} else if m == aesECB {
		return nil, sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_FEATURE.AES_MODE_IV", "0A000",
			"The feature is not supported: <functionName> with AES-<mode> does not support initialization vectors (IVs).",
			map[string]string{"mode": string(mode), "functionName": "`aes_encrypt`"})
	}
	if len(iv) != ivLen {
		return nil, sparkerror.New(sparkerror.Runtime, "INVALID_PARAMETER_VALUE.AES_IV_LENGTH", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: supports 16-byte CBC IVs and 12-byte GCM IVs, but got <actualLength> bytes for <mode>.",
			map[string]string{"mode": string(mode), "parameter": "`iv`", "functionName": aesFuncName, "actualLength": strconv.Itoa(len(iv))})
	}
	if len(aad) > 0 && m != aesGCM {
		return nil, sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_FEATURE.AES_MODE_AAD", "0A000",
			"The feature is not supported: <functionName> with AES-<mode> does not support additional authenticate data (AAD).",
			map[string]string{"mode": string(mode), "functionName": "`aes_encrypt`"})
	}
	dst = append(dst, iv...)
	switch m {
	case aesECB:
		start := len(dst)
		dst = pkcs5Pad(dst, input)
		for k := start; k < len(dst); k += aes.BlockSize {
			blk.Encrypt(dst[k:k+aes.BlockSize], dst[k:k+aes.BlockSize])
		}
	case aesCBC:
		start := len(dst)
		dst = pkcs5Pad(dst, input)
		cipher.NewCBCEncrypter(blk, iv).CryptBlocks(dst[start:], dst[start:])
	case aesGCM:
		g, err := cipher.NewGCM(blk)
		if err != nil {
			return nil, aesCryptoError(err.Error())
		}
		dst = g.Seal(dst, iv, input, aad)
	}
	return dst, nil
}

// aesDecrypt appends the decryption of input to dst.
func aesDecrypt(dst, input, key, mode, padding, aad []byte) ([]byte, error) {
	blk, err := aesBlock(key)
	if err != nil {
		return nil, err
	}
	m, err := aesModeOf(mode, padding)
	if err != nil {
		return nil, err
	}
	if len(aad) > 0 && m != aesGCM {
		return nil, sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_FEATURE.AES_MODE_AAD", "0A000",
			"The feature is not supported: <functionName> with AES-<mode> does not support additional authenticate data (AAD).",
			map[string]string{"mode": string(mode), "functionName": "`aes_encrypt`"})
	}
	switch m {
	case aesECB, aesCBC:
		body := input
		var iv []byte
		if m == aesCBC {
			if len(input) < 16 {
				return nil, aesCryptoError("Wrong IV length: must be 16 bytes long")
			}
			iv, body = input[:16], input[16:]
		}
		if len(body)%aes.BlockSize != 0 || len(body) == 0 {
			return nil, aesCryptoError("Input length must be multiple of 16 when decrypting with padded cipher")
		}
		plain := make([]byte, len(body))
		if m == aesCBC {
			cipher.NewCBCDecrypter(blk, iv).CryptBlocks(plain, body)
		} else {
			for k := 0; k < len(body); k += aes.BlockSize {
				blk.Decrypt(plain[k:k+aes.BlockSize], body[k:k+aes.BlockSize])
			}
		}
		out, err := pkcs5Unpad(plain)
		if err != nil {
			return nil, err
		}
		return append(dst, out...), nil
	}
	if len(input) < 12+16 {
		return nil, aesCryptoError("Tag mismatch")
	}
	g, err := cipher.NewGCM(blk)
	if err != nil {
		return nil, aesCryptoError(err.Error())
	}
	out, err := g.Open(dst, input[:12], input[12:], aad)
	if err != nil {
		return nil, aesCryptoError("Tag mismatch")
	}
	return out, nil
}

func aesEncryptFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("aes_encrypt", args, 6, 6); err != nil {
		return nil, err
	}
	return newFunc("aes_encrypt", args, types.Binary, true, varRowK(arrow.BinaryTypes.Binary, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		out, err := aesEncrypt(dst, a[0].str(i), a[1].str(i), a[2].str(i), a[3].str(i), a[4].str(i), a[5].str(i))
		return out, err == nil, err
	}))
}

func aesDecryptFn(name string, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 5, 5); err != nil {
			return nil, err
		}
		return newFunc(name, args, types.Binary, !try, varRowK(arrow.BinaryTypes.Binary, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			out, err := aesDecrypt(dst, a[0].str(i), a[1].str(i), a[2].str(i), a[3].str(i), a[4].str(i))
			if err != nil {
				if try {
					return dst, false, nil
				}
				return nil, false, err
			}
			return out, true, nil
		}))
	}
}

func init() {
	register(aesEncryptFn, "aes_encrypt")
	register(aesDecryptFn("aes_decrypt", false), "aes_decrypt")
	register(aesDecryptFn("try_aes_decrypt", true), "try_aes_decrypt")
}
