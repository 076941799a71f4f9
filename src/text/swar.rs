//! Eight bytes at a time in a `u64` ("SIMD within a register"): each test answers in the
//! high bit of every byte's lane. For lanes below 0x80 only (ASCII, or the low seven bits),
//! so that adding to a lane never carries into the next.

/// The high bit of every lane.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in every lane.
pub const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit set in the lanes whose byte is at least `lo`.
#[inline(always)]
pub fn at_least(v: u64, lo: u8) -> u64 {
    (v + splat(0x80 - lo)) & HIGH
}

/// The high bit set in the lanes whose byte is in `lo..=hi`.
#[inline(always)]
pub fn within(v: u64, lo: u8, hi: u8) -> u64 {
    at_least(v, lo) & !at_least(v, hi + 1)
}

/// The high bit set in the lowest lane that is zero, exactly, whatever the bytes; a lane
/// above it may be marked too (the borrow runs on), so only the lowest mark is to be read.
#[inline(always)]
pub fn zero_lanes(v: u64) -> u64 {
    v.wrapping_sub(splat(1)) & !v & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_match_the_byte_tests() {
        for b in 0u8..0x80 {
            for lane in 0..8 {
                let mut word = [b'm'; 8];
                word[lane] = b;
                let v = u64::from_le_bytes(word);
                let bit = |m: u64| m >> (8 * lane + 7) & 1 == 1;
                assert_eq!(bit(within(v, b'a', b'z')), b.is_ascii_lowercase(), "{b:#x}");
                assert_eq!(bit(within(v, b'0', b'9')), b.is_ascii_digit(), "{b:#x}");
                assert_eq!(bit(at_least(v, b'A')), b >= b'A', "{b:#x}");
            }
        }
    }

    #[test]
    fn the_lowest_zero_lane_is_found_among_any_bytes() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0x01, 0x80, 0xFF, b'.'] {
                    let mut word = [fill; 8];
                    word[lane] = 0;
                    // Below the zero lane any byte; above it, zeros that must not matter.
                    if lane > 0 {
                        word[lane - 1] = b;
                    }
                    let lowest = word.iter().position(|&x| x == 0).unwrap();
                    let m = zero_lanes(u64::from_le_bytes(word));
                    assert_eq!(m.trailing_zeros() / 8, lowest as u32, "{word:?}");
                }
            }
            assert_eq!(zero_lanes(splat(b) | 0x0101_0101_0101_0101), 0, "{b:#x}");
        }
    }
}
