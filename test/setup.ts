// Shared test setup: jest-dom matchers for component tests (harmless in node
// tests), and a patient wait for async UI on a loaded 2-core CI machine
// (findBy*/waitFor still fail when the expected state never comes).
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
