import torch

torch.manual_seed(0)

scale = torch.tensor([1000.0, 1.0, 0.001], dtype=torch.float64)  # (1)!
lr, (beta1, beta2), eps = 0.1, (0.9, 0.999), 1e-8


def loss_fn(w):
    return (scale * w**2).sum() / 2  # (2)!


w_torch = torch.ones(3, dtype=torch.float64, requires_grad=True)
opt = torch.optim.Adam([w_torch], lr=lr, betas=(beta1, beta2), eps=eps)
w = torch.ones(3, dtype=torch.float64, requires_grad=True)
m, v = torch.zeros(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64)
for t in range(1, 21):
    opt.zero_grad()
    loss_fn(w_torch).backward()
    opt.step()
    (g,) = torch.autograd.grad(loss_fn(w), w)
    m = beta1 * m + (1 - beta1) * g  # (3)!
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)  # (4)!
    with torch.no_grad():
        w -= lr * m_hat / (v_hat.sqrt() + eps)
    if t == 1:
        print("gradient at the start:", "  ".join(f"{x:.0e}" for x in g.tolist()))
        print("first Adam step |Δw|: ", "  ".join(f"{x:.3f}" for x in (1 - w.detach()).abs().tolist()))  # (5)!
        print("SGD step lr * |g|:    ", "  ".join(f"{x:.0e}" for x in (lr * g).tolist()))
print("hand-written Adam equals torch.optim.Adam over 20 steps (|diff| < 1e-12):",
      (w - w_torch).abs().max().item() < 1e-12)
