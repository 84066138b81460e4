"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";

import { NoticeProvider } from "../lib/data/notices";
import { makeConfig } from "../lib/data/wagmi";

/** The one providers component: wagmi, react-query, and the transaction notices. */
export function Providers({ children }: { children: ReactNode }) {
  const [config] = useState(makeConfig);
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000 } } }));
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <NoticeProvider>{children}</NoticeProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
