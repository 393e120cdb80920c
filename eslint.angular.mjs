// The lint rules of every Angular project (apps/web and libs/web/*): Nx's Angular and template rules, the repository's
// rules, and our `rf` selector prefix.
import nx from "@nx/eslint-plugin";
import baseConfig from "./eslint.config.mjs";

export default [
    ...nx.configs["flat/angular"],
    ...nx.configs["flat/angular-template"],
    ...baseConfig,
    {
        files: ["**/*.ts"],
        rules: {
            "@angular-eslint/directive-selector": ["error", { type: "attribute", prefix: "rf", style: "camelCase" }],
            "@angular-eslint/component-selector": ["error", { type: "element", prefix: "rf", style: "kebab-case" }]
        }
    }
];
