import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const features = ['auth', 'customers', 'deals', 'documents', 'leads', 'notifications', 'profile', 'settings', 'tasks', 'trash'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/schema.gen.ts', 'coverage'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Components reach the network only through feature hooks (STYLE.md rule 14).
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the hooks in features/<f>/api.' }],
    },
  },
  // Imports flow app -> features -> shared; never feature -> feature (STYLE.md rule 15).
  ...features.map((f) => ({
    files: [`src/features/${f}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: features.filter((o) => o !== f).flatMap((o) => [`@/features/${o}`, `@/features/${o}/*`, `**/features/${o}/*`, `../../${o}/*`, `../${o}/*`]),
              message: 'A feature must not import another feature; move shared code to src/components or src/lib.',
            },
            { group: ['@/app', '@/app/*'], message: 'Features must not import from app/.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/api/**/*.{ts,tsx}', 'src/i18n/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/features/*', '@/app/*', '@/app'], message: 'Shared code must not import features or app.' }] }],
    },
  },
  {
    files: ['src/api/client.ts', 'src/test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-globals': 'off' },
  },
  { files: ['vite.config.ts', 'eslint.config.js', 'scripts/**'], languageOptions: { globals: globals.node } },
);
