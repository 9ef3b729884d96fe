import { assembleWat } from "./dist/bench/peers/wat-assembler.js";
for (const f of ["floor.wat", "hello.wat"]) {
  const b = await assembleWat(f);
  console.log(f, b.length, Buffer.from(b).toString("latin1").replace(/[^\x20-\x7e]/g, "."));
}
