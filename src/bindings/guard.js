// Appended by scripts/build-pkg.mjs to each glue (not a wasm-bindgen module):
// a method called on a freed object (`free()` was called), or on something
// that is not one of ours, never enters the wasm. wasm-bindgen's own check
// there throws "null pointer passed to rust" from inside the wasm: a JS
// exception through Rust frames, which leaves the wasm's stack pointer behind
// each time, so some thousands of such calls trapped the instance for every
// later call. Here it is an IdvError (INVALID_ARGUMENT) instead, a rejected
// promise from the methods that return one, and a second `free()` does
// nothing. `__idvLive` maps each object a constructor made, and `free()` has
// not released, to its class (build-pkg sets it in the constructor): one
// class's method never runs on another's object (a GoldstarClient read as a
// CaissonClient would read its memory as the wrong type).
const __idvLive = new WeakMap();
// A `free()` while a method is running (a getter of an argument calling it,
// say) waits until the outermost method returns: the wasm refuses to free
// an object it has borrowed, and wasm-bindgen would have let go of it first
// (a plain Error, and a leak). `__idvDepth` counts the methods on the stack.
let __idvDepth = 0;
const __idvDeferred = [];

/** `f` called on `self`, counted in `__idvDepth`; the last one out runs the
 * deferred frees. */
function __idvEnter(f, self, args) {
  __idvDepth += 1;
  try {
    return f.apply(self, args);
  } finally {
    __idvDepth -= 1;
    if (__idvDepth === 0) {
      while (__idvDeferred.length > 0) {
        try {
          __idvDeferred.pop()();
        } catch {}
      }
    }
  }
}

function __idvGuard(C, api, asyncNames) {
  const proto = C.prototype;
  const refused = (member) =>
    new IdvError(`${C.name}.${member}: this ${C.name} was freed (free() was called), or is not a ${C.name}; create a new one`, {
      code: "INVALID_ARGUMENT",
      api,
      retryable: false,
    });
  for (const member of Object.getOwnPropertyNames(proto)) {
    if (member === "constructor" || member === "__destroy_into_raw") continue;
    const d = Object.getOwnPropertyDescriptor(proto, member);
    if (member === "free") {
      const free = d.value;
      Object.defineProperty(proto, "free", {
        ...d,
        value: function free_() {
          if (__idvLive.get(this) !== C) return;
          __idvLive.delete(this);
          if (__idvDepth > 0) __idvDeferred.push(() => free.call(this));
          else free.call(this);
        },
      });
      continue;
    }
    if (typeof d.value === "function") {
      const f = d.value;
      const isAsync = asyncNames.includes(member);
      Object.defineProperty(proto, member, {
        ...d,
        value: {
          [member](...args) {
            if (__idvLive.get(this) !== C) {
              if (isAsync) return Promise.reject(refused(member));
              throw refused(member);
            }
            return __idvEnter(f, this, args);
          },
        }[member],
      });
    } else if (typeof d.get === "function") {
      const get = d.get;
      Object.defineProperty(proto, member, {
        ...d,
        get: {
          [member]() {
            if (__idvLive.get(this) !== C) throw refused(member);
            return __idvEnter(get, this, []);
          },
        }[member],
      });
    }
  }
  if (Symbol.dispose) proto[Symbol.dispose] = proto.free;
}
