// The runtime's documented API: generated filters import from here only.
export * from "./abi";
export * from "./memory";
export * from "./str";
export * from "./log";
export * from "./headers";
export * from "./properties";
export * from "./url";
export * from "./net";
export * from "./local-response";
export * from "./streams";
export * from "./captures";
export * from "./config";
export * from "./text";
export * from "./compare";
export * from "./path";
export * from "./regex";
export * from "./coverage";
