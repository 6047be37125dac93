export { APP_CONFIG, CONFIG_VARIABLES, ConfigError, configSchema, configVariables, loadConfig, PROJECTION_GROUP_NAMES, type AppConfig } from './app-config.js';
export { AppConfigModule } from './app-config.module.js';
export { durationSeconds, type AuthSettings } from './auth-settings.js';
