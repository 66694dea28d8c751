import torch

torch.manual_seed(0)

X, y = torch.randn(16, 4), torch.randn(16, 1)
start = torch.randn(4, 1)
lr, wd = 0.1, 0.5


def run(make_opt, extra_loss=lambda w: 0.0, steps=5):
    w = start.clone().requires_grad_()
    opt = make_opt([w])
    for _ in range(steps):
        opt.zero_grad()
        (((X @ w - y) ** 2).mean() + extra_loss(w)).backward()
        opt.step()
    return w.detach()


adam_wd = run(lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd))
adam_l2 = run(lambda p: torch.optim.Adam(p, lr=lr), lambda w: wd / 2 * (w ** 2).sum())  # (1)!
adamw = run(lambda p: torch.optim.AdamW(p, lr=lr, weight_decay=wd))
adam_dec = run(lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd, decoupled_weight_decay=True))
print("Adam(weight_decay) equals Adam + L2 in the loss:", torch.equal(adam_wd, adam_l2))
print(f"max |Adam(weight_decay) - AdamW|: {(adam_wd - adamw).abs().max().item():.2f}")
print("AdamW equals Adam(decoupled_weight_decay=True):", torch.equal(adamw, adam_dec))
