/**
 * The operations the mock implements, keyed by operation name. Register an
 * operation here, once: add its module to the list.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import * as adminConfirmSignUp from "./admin_confirm_sign_up.ts";
import * as adminCreateUser from "./admin_create_user.ts";
import * as adminDeleteUser from "./admin_delete_user.ts";
import * as adminDisableUser from "./admin_disable_user.ts";
import * as adminEnableUser from "./admin_enable_user.ts";
import * as adminForgetDevice from "./admin_forget_device.ts";
import * as adminGetDevice from "./admin_get_device.ts";
import * as adminGetUser from "./admin_get_user.ts";
import * as adminInitiateAuth from "./admin_initiate_auth.ts";
import * as adminListDevices from "./admin_list_devices.ts";
import * as adminRespondToAuthChallenge from "./admin_respond_to_auth_challenge.ts";
import * as adminSetUserMfaPreference from "./admin_set_user_mfa_preference.ts";
import * as adminSetUserPassword from "./admin_set_user_password.ts";
import * as adminUpdateDeviceStatus from "./admin_update_device_status.ts";
import * as adminUserGlobalSignOut from "./admin_user_global_sign_out.ts";
import * as associateSoftwareToken from "./associate_software_token.ts";
import * as confirmDevice from "./confirm_device.ts";
import * as confirmSignUp from "./confirm_sign_up.ts";
import * as createUserPool from "./create_user_pool.ts";
import * as createUserPoolClient from "./create_user_pool_client.ts";
import * as deleteUserPool from "./delete_user_pool.ts";
import * as deleteUserPoolClient from "./delete_user_pool_client.ts";
import * as describeUserPool from "./describe_user_pool.ts";
import * as describeUserPoolClient from "./describe_user_pool_client.ts";
import * as forgetDevice from "./forget_device.ts";
import * as getDevice from "./get_device.ts";
import * as getTokensFromRefreshToken from "./get_tokens_from_refresh_token.ts";
import * as getUser from "./get_user.ts";
import * as getUserPoolMfaConfig from "./get_user_pool_mfa_config.ts";
import * as globalSignOut from "./global_sign_out.ts";
import * as initiateAuth from "./initiate_auth.ts";
import * as listDevices from "./list_devices.ts";
import * as listUserPoolClients from "./list_user_pool_clients.ts";
import * as listUserPools from "./list_user_pools.ts";
import * as listUsers from "./list_users.ts";
import * as respondToAuthChallenge from "./respond_to_auth_challenge.ts";
import * as revokeToken from "./revoke_token.ts";
import * as setUserMfaPreference from "./set_user_mfa_preference.ts";
import * as setUserPoolMfaConfig from "./set_user_pool_mfa_config.ts";
import * as signUp from "./sign_up.ts";
import * as updateDeviceStatus from "./update_device_status.ts";
import * as updateUserPool from "./update_user_pool.ts";
import * as updateUserPoolClient from "./update_user_pool_client.ts";
import * as verifySoftwareToken from "./verify_software_token.ts";

const modules: readonly { operation: OperationDefinition }[] = [
  adminConfirmSignUp,
  adminCreateUser,
  adminDeleteUser,
  adminDisableUser,
  adminEnableUser,
  adminForgetDevice,
  adminGetDevice,
  adminGetUser,
  adminInitiateAuth,
  adminListDevices,
  adminRespondToAuthChallenge,
  adminSetUserMfaPreference,
  adminSetUserPassword,
  adminUpdateDeviceStatus,
  adminUserGlobalSignOut,
  associateSoftwareToken,
  confirmDevice,
  confirmSignUp,
  createUserPool,
  createUserPoolClient,
  deleteUserPool,
  deleteUserPoolClient,
  describeUserPool,
  describeUserPoolClient,
  forgetDevice,
  getDevice,
  getTokensFromRefreshToken,
  getUser,
  getUserPoolMfaConfig,
  globalSignOut,
  initiateAuth,
  listDevices,
  listUserPoolClients,
  listUserPools,
  listUsers,
  respondToAuthChallenge,
  revokeToken,
  setUserMfaPreference,
  setUserPoolMfaConfig,
  signUp,
  updateDeviceStatus,
  updateUserPool,
  updateUserPoolClient,
  verifySoftwareToken,
];

/** Implemented operations by name. */
export const OPERATION_REGISTRY: ReadonlyMap<string, OperationDefinition> = new Map(
  modules.map(({ operation }) => [operation.name, operation]),
);
