import { createRequire } from "node:module";

import type { NextConfig } from "next";

/**
 * WalletConnect is offered only when a project id is configured, and wagmi's connector then loads
 * `@walletconnect/ethereum-provider`, an optional dependency not installed by default (about 400 MB with its
 * dependencies). A build with a project id but without the package would show a WalletConnect button that fails
 * when picked, so the build stops here instead and says what to install.
 */
if (process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID) {
  try {
    createRequire(import.meta.url).resolve("@walletconnect/ethereum-provider");
  } catch {
    throw new Error(
      "NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID is set but @walletconnect/ethereum-provider is not installed: run " +
        "`npm install -w web --save-exact @walletconnect/ethereum-provider` or unset the project id.",
    );
  }
}

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // The SDK ships TypeScript source (the repository's one home of shared facts): Next compiles it with the app.
  transpilePackages: ["@openfactor/sdk"],
};

export default nextConfig;
