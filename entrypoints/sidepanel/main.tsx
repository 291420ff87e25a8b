import '@/lib/model/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/components/shell/App';
import { startOpeningStore } from '@/components/data/store-opening';
import '@/components/theme.css';

// Before the first render: the database opens while React renders (components/data/store-opening.ts).
const opening = startOpeningStore();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App opening={opening} />
  </StrictMode>,
);
