/** Envelope encryption of health information at rest (decision 011). */
export { type EncryptedColumns, PLATFORM_ENCRYPTED_COLUMNS } from './encrypted-columns.js';
export { type Cipher, createCipher, DecryptionError } from './envelope.js';
export {
  createKeyring,
  type Keyring,
  type MasterKey,
  type MasterKeySetting,
  parseMasterKeyList,
} from './master-keys.js';
export { type MasterKeysResult, resolveMasterKeys } from './resolve-master-keys.js';
export { type ColumnRotation, type RotationReport, rotateKeys } from './rotate-keys.js';
