x, y, w = 2.0, 4.0, 1.0  # one sample, one weight

y_hat = x * w  # (1)!
r = y_hat - y  # (2)!
loss = r**2  # (3)!
print("y_hat =", y_hat, " r =", r, " loss =", loss)
