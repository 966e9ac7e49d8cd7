// Large float32 arrays in the generated PyTorch script, written as base64 of their zlib-compressed
// little-endian bytes instead of decimals. As decimals the MNIST preset's arrays take 37.5 MB of text
// (~5 s to write, and more to parse in Python); packed they are ~4 MB and still exactly our bits, and
// Python decodes them with its standard library (base64, zlib, array) and torch.frombuffer.
// Measured on MNIST's training features: zlib of the float32 bytes 2.1 MB, zlib of the byte planes
// shuffled apart 4.1 MB, zlib of the decimal text 2.6 MB; the plain bytes win and decode simplest.
import { ArgumentError } from '../../core/checks';

/**
 * Arrays of more values than this are packed. Below it a literal is at most ~1 MB of decimals, which a
 * learner can still scroll and search (the 8×8 digits dataset, ~92,000 values, stays readable); past
 * it nobody reads the numbers, and the file only grows.
 */
export const LITERAL_LIMIT = 100_000;

/** Characters per line of a packed block, the width of the script's section rules. */
const BASE64_LINE = 100;

/** unpack_float32(): the Python side of the packing; `names` are the packed arrays, for the comment. */
export function pythonUnpack(names: readonly string[]): string {
  return `# Arrays of more than ${LITERAL_LIMIT.toLocaleString('en-US')} values are written packed, as base64 of their zlib-compressed
# little-endian float32 bytes: as decimals they would be megabytes of text nobody reads; packed they take
# a fraction of that room and are still exactly xent-lab's float32 bits. Packed here:
# ${names.join(', ')}.
def unpack_float32(shape, text):
    """A float32 tensor of \`shape\` from base64 text of its zlib-compressed little-endian bytes."""
    values = array.array("f", zlib.decompress(base64.b64decode(text)))  # b64decode skips the line breaks
    if sys.byteorder == "big":
        values.byteswap()
    return torch.frombuffer(values, dtype=torch.float32).reshape(shape).clone()`;
}

/** The imports unpack_float32() needs, for the script's header. */
export const PYTHON_UNPACK_IMPORTS = ['array', 'base64', 'sys', 'zlib'];

/** zlib (RFC 1950) bytes through the platform's CompressionStream: browsers and Node ≥ 18 have it. */
async function zlibCompress(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64Lines(bytes: Uint8Array): string {
  // String.fromCharCode takes its arguments on the stack: a chunk at a time keeps it within bounds.
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  const text = btoa(binary);
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += BASE64_LINE) lines.push(text.slice(at, at + BASE64_LINE));
  return lines.join('\n');
}

/** The little-endian bytes of `values`, whatever the platform's own order. */
function littleEndianBytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

/** Base64 lines of the zlib-compressed little-endian float32 bytes of `values`. */
export async function packFloat32(values: Float32Array): Promise<string> {
  return base64Lines(await zlibCompress(littleEndianBytes(values)));
}

/**
 * Collects the arrays too large for literals while the script is written (synchronously), leaving a
 * token where each packed block goes; fill() compresses them and puts the blocks in (asynchronously,
 * as CompressionStream is).
 */
export class PackedArrays {
  private readonly pending = new Map<string, Float32Array>();
  readonly names: string[] = [];

  /**
   * `label` sets this collection's tokens apart from another's in the same text: a sweep's script holds
   * the first group's arrays and each other group's own (pytorchSweepGroups.ts).
   */
  constructor(private readonly label = '') {
    if (label.includes('\u0000')) throw new ArgumentError('label', 'must not contain NUL, which delimits the tokens');
  }

  /** A Python expression for `values` as a float32 tensor of `shape`, or null when a literal should hold them. */
  expression(name: string, values: Float32Array, shape: readonly number[]): string | null {
    if (values.length <= LITERAL_LIMIT) return null;
    const bad = values.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new ArgumentError(name, `must hold finite numbers only, got ${values[bad]} at index ${bad}`);
    // NUL never occurs in the script's text, so a token cannot be mistaken for it.
    const token = `\u0000${this.label}${this.pending.size}\u0000`;
    this.pending.set(token, values);
    this.names.push(name);
    return `unpack_float32([${shape.join(', ')}], """\n${token}\n""")`;
  }

  /**
   * The arrays whose tokens `text` holds, in order, and the text around them: two parts hold the same
   * values when both agree (a literal's text is a function of its float32 values).
   */
  contents(text: string): { literals: string; arrays: Float32Array[] } {
    // NUL opens and closes every token, so the odd pieces between NULs are the tokens' insides.
    const pieces = text.split('\u0000');
    const arrays = pieces
      .filter((_, i) => i % 2 === 1)
      .map((inside) => {
        const values = this.pending.get(`\u0000${inside}\u0000`);
        if (!values) throw new Error(`PackedArrays: a token of another collection in '${text.slice(0, 60)}'`);
        return values;
      });
    return { literals: pieces.filter((_, i) => i % 2 === 0).join('\u0000'), arrays };
  }

  /**
   * `script` with every token it holds replaced by its packed block. Arrays whose token the script no
   * longer holds (a sweep group's array equal to the first group's) are not compressed.
   */
  async fill(script: string): Promise<string> {
    const tokens = [...this.pending.keys()].filter((token) => script.includes(token));
    const blocks = await Promise.all(tokens.map((token) => packFloat32(this.pending.get(token) as Float32Array)));
    return tokens.reduce((text, token, i) => text.replace(token, () => blocks[i]), script);
  }
}
