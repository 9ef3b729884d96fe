export { runDoctor, type DoctorRequest } from "./doctor.js";
export { OutputFolderError } from "./build-output.js";
export { YamlFileError } from "./yaml-files.js";
export { CHECKS } from "./checks/index.js";
export { DOCTOR_CODES } from "./codes.js";
export { memoryEstimate } from "./checks/memory-budget.js";
