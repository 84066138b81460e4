// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IClaimRenderer} from "./interfaces/IClaimRenderer.sol";
import {IGuaranteeEscrow} from "./interfaces/IGuaranteeEscrow.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {ClaimCore, ClaimState} from "./types/Claim.sol";
import {Guarantee, GuaranteeStatus} from "./types/Guarantee.sol";

/// @title ClaimRenderer
/// @notice Renders a claim's ERC-721 metadata on chain: JSON with its terms and state, and an SVG card.
/// @dev Nothing identifying beyond the lifecycle's needs: no names, no invoice numbers. Amounts are shown with the
/// currency's symbol and decimals, read from the token (a token without them shows raw base units). A claim's
/// guarantee (active, recourse when its originator is the guarantor, or called) is read from the guarantee escrow.
contract ClaimRenderer is IClaimRenderer {
    using Strings for uint256;
    using Strings for address;

    IParticipantRegistry private immutable _registry;
    IGuaranteeEscrow private _escrow;

    /// @dev The claim's displayed values, computed once.
    struct Fields {
        string face;
        string paid;
        string state;
        string due;
        string guarantee;
        string symbol;
        uint8 decimals;
    }

    constructor(address registry_) {
        _registry = IParticipantRegistry(registry_);
    }

    /// @inheritdoc IClaimRenderer
    function setGuaranteeEscrow(address escrow) external {
        bytes32 role = _registry.OPERATOR_ROLE();
        if (!_registry.hasRole(role, msg.sender)) revert RendererMissingAccessRole(msg.sender, role);
        if (escrow != address(0) && escrow.code.length == 0) revert RendererEscrowNotContract(escrow);
        _escrow = IGuaranteeEscrow(escrow);
        emit GuaranteeEscrowSet(escrow);
    }

    /// @inheritdoc IClaimRenderer
    function guaranteeEscrow() external view returns (address) {
        return address(_escrow);
    }

    /// @inheritdoc IClaimRenderer
    function tokenURI(
        uint256 claimId,
        ClaimCore calldata c,
        string calldata externalURI,
        bool isLocked
    ) external view returns (string memory) {
        Fields memory f = _fields(c);
        f.guarantee = _guaranteeText(claimId, c, f);
        string memory json = string.concat(
            '{"name":"OpenFactor claim #',
            claimId.toString(),
            '","description":"A receivable claim on an invoice, confirmed by its debtor. It records an assignment the parties agreed off-chain.",',
            _externalURL(externalURI),
            '"image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(_svg(claimId, f, c.debtor))),
            '","attributes":[',
            _attributes(c, f, isLocked),
            "]}"
        );
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json)));
    }

    function _fields(ClaimCore calldata c) private view returns (Fields memory f) {
        (f.symbol, f.decimals) = _currencyInfo(c.currency);
        f.face = string.concat(formatAmount(c.faceValue, f.decimals), " ", f.symbol);
        f.paid = string.concat(formatAmount(c.amountPaid, f.decimals), " ", f.symbol);
        f.state = stateName(c.state);
        f.due = formatDate(c.dueDate);
    }

    /// @inheritdoc IClaimRenderer
    function stateName(ClaimState state) public pure returns (string memory) {
        string[13] memory names = [
            "None",
            "Issued",
            "Accepted",
            "Financed",
            "Overdue",
            "Defaulted",
            "Disputed",
            "Settled",
            "Rejected",
            "Expired",
            "Cancelled",
            "Voided",
            "Written off"
        ];
        return names[uint8(state)];
    }

    /// @inheritdoc IClaimRenderer
    /// @dev `amount` base units as a decimal number with `decimals` places, trailing zeros trimmed to two places
    /// (e.g. 1234500000 with 6 decimals is "1234.50"). Exact: no rounding.
    function formatAmount(uint256 amount, uint8 decimals) public pure returns (string memory) {
        if (decimals == 0 || decimals > 38) return amount.toString(); // no token has more; avoid overflow
        uint256 unit = 10 ** decimals;
        bytes memory fraction = bytes(((amount % unit) + unit).toString()); // leading "1" keeps the zeros
        uint256 end = fraction.length;
        while (end > 3 && fraction[end - 1] == "0") --end;
        bytes memory digits = new bytes(end - 1);
        for (uint256 i = 1; i < end; ++i) digits[i - 1] = fraction[i];
        if (digits.length == 1) digits = abi.encodePacked(digits, "0");
        return string.concat((amount / unit).toString(), ".", string(digits));
    }

    /// @inheritdoc IClaimRenderer
    /// @dev A unix timestamp as an ISO date (UTC), e.g. "2026-11-27".
    /// @dev Howard Hinnant's days-to-civil algorithm.
    function formatDate(uint256 timestamp) public pure returns (string memory) {
        uint256 z = timestamp / 1 days + 719468;
        uint256 era = z / 146097;
        uint256 doe = z - era * 146097;
        uint256 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        uint256 mp = (5 * doy + 2) / 153;
        uint256 day = doy - (153 * mp + 2) / 5 + 1;
        uint256 month = mp < 10 ? mp + 3 : mp - 9;
        uint256 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return string.concat(year.toString(), "-", _twoDigits(month), "-", _twoDigits(day));
    }

    function _attributes(ClaimCore calldata c, Fields memory f, bool isLocked) private pure returns (string memory) {
        return
            string.concat(
                _trait("State", f.state),
                ",",
                _trait("Face value", f.face),
                ",",
                _trait("Amount paid", f.paid),
                ",",
                _trait("Due date", f.due),
                ",",
                _trait("Debtor", c.debtor.toHexString()),
                ",",
                _trait("Originator", c.originator.toHexString()),
                ",",
                _trait("Currency", c.currency.toHexString()),
                ",",
                _trait("Locked", isLocked ? "yes" : "no"),
                ",",
                _trait("Guarantee", f.guarantee)
            );
    }

    function _trait(string memory name, string memory value) private pure returns (string memory) {
        return string.concat('{"trait_type":"', name, '","value":"', value, '"}');
    }

    function _externalURL(string memory externalURI) private pure returns (string memory) {
        if (bytes(externalURI).length == 0) return "";
        return string.concat('"external_url":"', _escape(externalURI), '",');
    }

    function _svg(uint256 claimId, Fields memory f, address debtor) private pure returns (string memory) {
        return
            string.concat(
                '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="220" viewBox="0 0 360 220">',
                '<rect width="360" height="220" rx="16" fill="#0f2a3f"/>',
                '<text x="20" y="36" font-family="sans-serif" font-size="14" fill="#9cc3dd">OpenFactor claim #',
                claimId.toString(),
                '</text><text x="20" y="84" font-family="sans-serif" font-size="28" fill="#ffffff">',
                f.face,
                '</text><text x="20" y="116" font-family="sans-serif" font-size="14" fill="#cfe3f0">Due ',
                f.due,
                " - ",
                f.state,
                '</text><text x="20" y="144" font-family="sans-serif" font-size="12" fill="#cfe3f0">Paid ',
                f.paid,
                '</text><text x="20" y="168" font-family="sans-serif" font-size="12" fill="#cfe3f0">Guarantee: ',
                f.guarantee,
                '</text><text x="20" y="196" font-family="monospace" font-size="10" fill="#9cc3dd">Debtor ',
                debtor.toHexString(),
                "</text></svg>"
            );
    }

    /// @dev "none", "active, cover 5000.00 USDC" ("recourse, cover ..." when the originator is the guarantor) or
    /// "called". The escrow is the operator's choice, but tokenURI must render even if it misbehaves: any failure
    /// shows "unknown".
    function _guaranteeText(
        uint256 claimId,
        ClaimCore calldata c,
        Fields memory f
    ) private view returns (string memory) {
        if (address(_escrow) == address(0)) return "none";
        try this.guaranteeOf(claimId) returns (Guarantee memory g) {
            if (g.status == GuaranteeStatus.Called) return "called";
            if (g.status != GuaranteeStatus.Active) return "none";
            string memory kind = "active";
            if (g.guarantor == c.originator) kind = "recourse";
            return string.concat(kind, ", cover ", formatAmount(g.cover, f.decimals), " ", f.symbol);
        } catch {
            return "unknown";
        }
    }

    /// @notice The active or called guarantee of a claim as the escrow records it (status None if there is none).
    /// @dev External so that `_guaranteeText` can catch any failure, decoding included.
    /// @param claimId The claim.
    function guaranteeOf(uint256 claimId) external view returns (Guarantee memory g) {
        uint256 id = _escrow.guaranteeOfClaim(claimId);
        if (id != 0) g = _escrow.guarantee(id);
    }

    /// @dev Reads `decimals()` and `symbol()` without trusting the token: a call that reverts, returns nothing (a
    /// fallback), returns `bytes32` (MKR-style) or returns a malformed string must not make tokenURI revert, and
    /// `try`/`catch` would not catch a decoding failure. Unknown decimals show raw units; an unknown symbol shows
    /// "units".
    function _currencyInfo(address currency) private view returns (string memory symbol, uint8 decimals) {
        (bool ok, bytes memory data) = currency.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (ok && data.length == 32) {
            uint256 value = abi.decode(data, (uint256));
            if (value <= type(uint8).max) decimals = uint8(value);
        }
        symbol = _escape(_symbolOf(currency));
    }

    function _symbolOf(address currency) private view returns (string memory) {
        (bool ok, bytes memory data) = currency.staticcall(abi.encodeCall(IERC20Metadata.symbol, ()));
        if (!ok) return "units";
        if (data.length == 32) return _bytes32ToString(bytes32(data));
        if (data.length < 64) return "units";
        (uint256 offset, uint256 length) = abi.decode(data, (uint256, uint256));
        if (offset != 32 || length > data.length - 64) return "units";
        bytes memory text = new bytes(length);
        for (uint256 i = 0; i < length; ++i) text[i] = data[64 + i];
        return string(text);
    }

    /// @dev A `bytes32` symbol up to its first zero byte.
    function _bytes32ToString(bytes32 value) private pure returns (string memory) {
        uint256 length = 0;
        while (length < 32 && value[length] != 0) ++length;
        bytes memory text = new bytes(length);
        for (uint256 i = 0; i < length; ++i) text[i] = value[i];
        return string(text);
    }

    /// @dev Keeps JSON and SVG well formed whatever a token calls itself: drops quotes, backslashes, angle brackets,
    /// ampersands and control characters.
    function _escape(string memory text) private pure returns (string memory) {
        bytes memory input = bytes(text);
        uint256 kept = 0;
        for (uint256 i = 0; i < input.length; ++i) {
            if (_isSafe(input[i])) ++kept;
        }
        bytes memory output = new bytes(kept);
        uint256 j = 0;
        for (uint256 i = 0; i < input.length; ++i) {
            if (_isSafe(input[i])) output[j++] = input[i];
        }
        return string(output);
    }

    function _isSafe(bytes1 ch) private pure returns (bool) {
        return ch != '"' && ch != "\\" && ch != "<" && ch != ">" && ch != "&" && uint8(ch) >= 0x20;
    }

    function _twoDigits(uint256 value) private pure returns (string memory) {
        return value < 10 ? string.concat("0", value.toString()) : value.toString();
    }
}
